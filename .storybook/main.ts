import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/react-vite';
import { workspaceAlias } from '../vitest.shared.ts';

/** Source aliases: the workspace packages, plus the stylesheet, which only exists in `dist` after a build. */
const storybookAlias = [
  {
    find: /^@tollbooth\/react\/styles\.css$/,
    replacement: fileURLToPath(new URL('../packages/react/src/styles.css', import.meta.url)),
  },
  ...workspaceAlias,
];

const config: StorybookConfig = {
  framework: { name: '@storybook/react-vite', options: {} },
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.@(ts|tsx)'],
  addons: [
    '@storybook/addon-docs',
    '@storybook/addon-a11y',
    '@storybook/addon-vitest',
    'msw-storybook-addon',
  ],
  // `public/` holds msw's service worker (`npx msw init .storybook/public --save=false`), served at the root.
  staticDirs: ['./public'],
  // Storybook must not phone home: the machines this runs on have no internet, and designers need no account.
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  async viteFinal(viteConfig) {
    const { mergeConfig } = await import('vite');
    // Stories import the workspace packages from source, so a change shows without a build.
    return mergeConfig(viteConfig, {
      resolve: { alias: storybookAlias },
      // The server handler and stripe-node run in the page (behind msw); the `browser` export condition picks
      // stripe's fetch + Web Crypto build. The Stripe React bindings are imported lazily by the components:
      // pre-bundling them up front keeps Vite from re-optimizing (and reloading the page) in the middle of a run.
      optimizeDeps: { include: ['stripe', 'zod', '@stripe/react-stripe-js', '@stripe/stripe-js'] },
    });
  },
};

export default config;
