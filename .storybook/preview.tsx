import type { Decorator, Preview } from '@storybook/react-vite';
import { mswLoader } from 'msw-storybook-addon/csf3';
import type { LoaderFunction } from 'storybook/internal/types';
import { createStoryBackend, type StoryBackend } from '../stories/fixtures/backend';
import { isStoryCurrency } from '../stories/fixtures/catalog';
import { globalTypes, initialGlobals } from '../stories/fixtures/globals';
import { storyHandlers, storyMswSetup } from '../stories/fixtures/msw';
import type { TollboothParameters } from '../stories/fixtures/parameters';
import { StoryFrame } from '../stories/fixtures/story-frame';
import '@tollbooth/react/styles.css';
import './themes.css';

const startMsw = mswLoader(storyMswSetup);

/**
 * Runs before every render (and re-render on a toolbar change): a fresh simulator and server for the story's
 * user, currency, seed and fixed responses, answered by msw. Plain msw handlers in `parameters.msw` are added
 * last, so they win over everything else.
 */
const tollboothLoader: LoaderFunction = async (context) => {
  // A docs page renders several stories in one document, each with its own endpoint: the addon's loader would
  // reset the handlers of the stories above, so docs take the same (shared) worker without a reset.
  if (context.viewMode === 'docs') context.msw = await storyMswSetup();
  else await startMsw(context);
  const worker = context.msw;
  const params = (context.parameters.tollbooth ?? {}) as TollboothParameters;
  const backend = await createStoryBackend({
    user: params.user,
    seed: params.seed,
    responses: params.responses,
    confirm: params.confirm,
    currency: isStoryCurrency(context.globals.currency) ? context.globals.currency : 'usd',
  });
  worker.use(...backend.handlers);
  const overrides = storyHandlers(context.parameters.msw);
  if (overrides.length > 0) worker.use(...overrides);
  return { backend };
};

/** Theme frame and `<TollboothProvider>` around every story (opt out with `parameters.tollbooth.provider: false`). */
const withTollbooth: Decorator = (Story, context) => (
  <StoryFrame
    backend={context.loaded.backend as StoryBackend | undefined}
    globals={context.globals}
    parameters={(context.parameters.tollbooth ?? {}) as TollboothParameters}
    viewMode={context.viewMode}
  >
    <Story />
  </StoryFrame>
);

const preview: Preview = {
  tags: ['autodocs'],
  loaders: [tollboothLoader],
  decorators: [withTollbooth],
  globalTypes,
  initialGlobals,
  parameters: {
    // The story frame pads and themes the whole canvas itself.
    layout: 'fullscreen',
    controls: { expanded: true, matchers: { color: /(background|color)$/i, date: /Date$/i } },
    // Every story must be free of axe violations, in Storybook's panel and in the vitest run.
    a11y: { test: 'error' },
    docs: { codePanel: true },
    options: {
      storySort: {
        order: ['Overview', 'Themes', 'TollboothProvider', '*', 'In-page backend', 'Live test mode'],
      },
    },
  },
};

export default preview;
