/**
 * `npx @tollbooth/server init`: scaffolds Tollbooth into the Next.js app in the current folder.
 */
import { init } from './cli/init';

const [command] = process.argv.slice(2);
if (command !== 'init') {
  console.error(
    'usage: npx @tollbooth/server init   (in your Next.js app: writes server/tollbooth.ts, the route, .env.example)',
  );
  process.exit(command === undefined || command === '--help' ? 0 : 1);
}
try {
  const { router, written } = init(process.cwd());
  console.log(`Tollbooth: wrote ${written.join(', ')} (${router === 'app' ? 'App' : 'Pages'} Router).`);
  console.log('Next: set your price ids and getUser in server/tollbooth.ts, and the keys from .env.example.');
} catch (error) {
  console.error(`Tollbooth: ${(error as Error).message}`);
  process.exit(1);
}
