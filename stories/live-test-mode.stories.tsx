import type { Meta, StoryObj } from '@storybook/react-vite';
import { PaymentForm, TollboothProvider } from '@tollbooth/react';
import { http, passthrough } from 'msw';
import type { ReactNode } from 'react';

interface LiveTestModeProps {
  /** Your Stripe test-mode publishable key (`pk_test_…`). */
  publishableKey: string;
  /** The Tollbooth route of an app you run against Stripe test mode, e.g. `http://localhost:3000/api/tollbooth`. */
  endpoint: string;
  /** A catalog key of that app's one-time price. */
  price: string;
}

/**
 * Real Stripe.js and your own server, in test mode: fill in the controls. Nothing here runs in the test suite.
 * The app must allow this Storybook's origin (`origins` in its config) and answer CORS for it.
 */
function LiveTestMode({ publishableKey, endpoint, price }: LiveTestModeProps): ReactNode {
  if (!publishableKey.startsWith('pk_test_') || !endpoint) {
    return (
      <div className="tb">
        <h2 className="tb-heading">Live test mode</h2>
        <p>
          Enter a <strong>test-mode</strong> publishable key (<code>pk_test_…</code>) and the URL of your
          app's Tollbooth route in the Controls panel. Payments then go through real Stripe.js to your server
          and Stripe's test mode; use Stripe's test cards. Live keys (<code>pk_live_…</code>) are refused
          here.
        </p>
      </div>
    );
  }
  return (
    <TollboothProvider
      key={`${publishableKey}|${endpoint}`}
      publishableKey={publishableKey}
      endpoint={endpoint}
    >
      <PaymentForm items={[{ price, quantity: 1 }]} />
    </TollboothProvider>
  );
}

const meta = {
  title: 'Live test mode',
  component: LiveTestMode,
  // `live` keeps it out of the vitest run (and its a11y gate): it needs keys and the network.
  tags: ['live', '!test', '!autodocs'],
  args: { publishableKey: '', endpoint: 'http://localhost:3000/api/tollbooth', price: 'guide' },
  parameters: {
    tollbooth: { provider: false, width: '30rem' },
    // The one story allowed on the network: every request goes to its real destination.
    msw: [http.all('*', () => passthrough())],
  },
} satisfies Meta<typeof LiveTestMode>;

export default meta;
type Story = StoryObj<typeof meta>;

export const PaymentFormAgainstStripe: Story = { name: 'PaymentForm against Stripe test mode' };
