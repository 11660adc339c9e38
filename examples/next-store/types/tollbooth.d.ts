import type { tollbooth } from '@/server/tollbooth';

// Types every component and hook by this store's catalog keys: `price="jaket"` fails to compile.
declare module '@tollbooth/react' {
  interface Register {
    tollbooth: typeof tollbooth;
  }
}
