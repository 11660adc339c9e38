import type { Meta, StoryObj } from '@storybook/react-vite';
import { CheckoutStatus, checkoutStatusMessages as m } from '@tollbooth/react';
import { expect, fn, waitFor, within } from 'storybook/test';
import type { StoryBackend } from './fixtures/backend';
import { expectState } from './fixtures/play';
import { checkoutSession } from './fixtures/seeds';
import { forbidden, loading, networkError, rateLimited, signedOut } from './fixtures/states';

const meta = {
  title: 'CheckoutStatus',
  component: CheckoutStatus,
  // The seed creates a real session through the server; its id is only known at render time.
  render: (args, { loaded }) => (
    <CheckoutStatus {...args} sessionId={(loaded.backend as StoryBackend).refs.sessionId ?? args.sessionId} />
  ),
  args: { sessionId: 'cs_test_seeded_at_render', onLoad: fn() },
  argTypes: { sessionId: { control: false } },
  parameters: {
    tollbooth: { seed: checkoutSession({ paid: true }), width: '30rem' },
    docs: {
      description: {
        component: `How a Checkout Session ended, for the page Stripe returns to: paid, processing, not completed or expired.
Only the session's owner can read it.

\`\`\`tsx
// app/thanks/page.tsx, with successPath="/thanks?session_id={CHECKOUT_SESSION_ID}"
<CheckoutStatus sessionId={searchParams.session_id} />
\`\`\``,
      },
    },
  },
} satisfies Meta<typeof CheckoutStatus>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Paid on the simulated hosted page: two field guides. */
export const Paid: Story = {
  name: 'Succeeded (paid)',
  play: async ({ canvasElement, args }) => {
    const status = await within(canvasElement).findByText(
      m.paid.replace('{amount}', '$30.00'),
      {},
      {
        timeout: 15_000,
      },
    );
    await expect(status).toHaveAttribute('role', 'status');
    await expectState(canvasElement.querySelector('.tb-checkout-status'), 'succeeded');
    await waitFor(() =>
      expect(args.onLoad).toHaveBeenCalledWith(expect.objectContaining({ paymentStatus: 'paid' })),
    );
    // What was bought, in the shopper's words: the product, how many, what each line and the order cost.
    const order = within(canvasElement).getByRole('list', { name: m.orderHeading });
    await expect(within(order).getByText('2 × Field guide')).toBeInTheDocument();
    await expect(within(order).getByText(m.total).nextSibling).toHaveTextContent('$30.00');
  },
};

/** A parcel: Checkout asked for a shipping address, and the page says where the order goes. */
export const Shipping: Story = {
  name: 'Succeeded (shipping to an address)',
  parameters: {
    tollbooth: {
      seed: checkoutSession({
        paid: true,
        shipTo: {
          name: 'Ada Lovelace',
          line1: '12 St James’s Square',
          city: 'London',
          postal_code: 'SW1Y 4JH',
          country: 'GB',
        },
      }),
    },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('list', { name: m.orderHeading }, { timeout: 15_000 });
    await expect(
      canvas.getByText('Shipping to Ada Lovelace, 12 St James’s Square, London, SW1Y 4JH, GB.'),
    ).toBeInTheDocument();
    await expectState(canvasElement.querySelector('.tb-checkout-status'), 'succeeded');
  },
};

/** The buyer came back without paying. */
export const Open: Story = {
  name: 'Not completed',
  parameters: { tollbooth: { seed: checkoutSession({ paid: false }) } },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText(m.open, {}, { timeout: 15_000 })).toBeInTheDocument();
    // Nothing was bought: no order is listed as if it were.
    await expect(within(canvasElement).queryByRole('list')).toBeNull();
  },
};

/** The session expired before the buyer paid. */
export const Expired: Story = {
  parameters: { tollbooth: { seed: checkoutSession({ paid: false, expired: true }) } },
  play: async ({ canvasElement }) => {
    await expect(
      await within(canvasElement).findByText(m.expired, {}, { timeout: 15_000 }),
    ).toBeInTheDocument();
  },
};

export const Loading: Story = loading('checkout.read');

/** Someone else's session: the server answers 404 and reveals nothing about it. */
export const NotFound: Story = {
  name: "Another user's session (404)",
  parameters: { tollbooth: { user: 'admin' } },
  play: async ({ canvasElement }) => {
    const alert = await within(canvasElement).findByRole('alert', {}, { timeout: 15_000 });
    await expect(alert).toHaveTextContent(m.notFound);
  },
};

/** A made-up session id: the same not-found as someone else's, never a "Thank you!". */
export const MadeUpSession: Story = {
  name: 'Made-up session id (404)',
  args: { sessionId: 'cs_test_made_up' },
  render: (args) => <CheckoutStatus {...args} />,
  play: async ({ canvasElement }) => {
    const alert = await within(canvasElement).findByRole('alert', {}, { timeout: 15_000 });
    await expect(alert).toHaveTextContent(m.notFound);
    await expect(within(canvasElement).queryByText(/Thank you/)).toBeNull();
  },
};

export const SignedOut: Story = { name: 'Signed out (401)', ...signedOut() };
/**
 * A policy that denies reading orders. (A guest asking for Ada's session gets the 404 above: ownership is checked
 * first, so nothing about the session leaks. This 403 is a fixed answer.)
 */
export const Forbidden: Story = {
  name: 'Forbidden (403)',
  ...forbidden(undefined, { user: 'customer', responses: { 'checkout.read': 'forbidden' } }),
};
export const RateLimited: Story = { name: 'Rate limited (429)', ...rateLimited('checkout.read') };
export const NetworkError: Story = { name: 'Network error', ...networkError('checkout.read') };
