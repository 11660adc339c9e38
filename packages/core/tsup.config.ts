import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    schemas: 'src/schemas.ts',
    // Shared by @tollbooth/server and @tollbooth/testing; the browser entry never imports it.
    'internal/sha256': 'src/internal/sha256.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: false,
  target: 'es2022',
});
