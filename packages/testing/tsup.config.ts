import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/stripe-js.ts', 'src/msw.ts', 'src/next.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  target: 'es2022',
  external: ['stripe', 'msw'],
  // Keep 'node:http' as written: the lazy import in listen() tells browser bundlers it is Node-only.
  removeNodeProtocol: false,
});
