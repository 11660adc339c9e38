import type { Meta, StoryObj } from '@storybook/react-vite';
import { CheckoutButton, checkoutButtonMessages } from '@tollbooth/react';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { storyNavigate } from './fixtures/backend';
import { expectState } from './fixtures/play';
import { forbidden, networkError, rateLimited, signedOut } from './fixtures/states';

const click = async (canvasElement: HTMLElement) =>
  userEvent.click(
    await within(canvasElement).findByRole('button', { name: /Buy the field guide|Subscribe/ }),
  );

const meta = {
  title: 'CheckoutButton',
  component: CheckoutButton,
  args: {
    price: 'guide',
    quantity: 1,
    children: 'Buy the field guide',
    onCheckout: fn(),
    // Stories announce the redirect instead of leaving Storybook; in an app leave `redirect` out.
    redirect: fn(storyNavigate),
  },
  parameters: {
    docs: {
      description: {
        component: `Creates a Checkout Session on your server and sends the buyer to Stripe's hosted page. Needs no Stripe.js.

\`\`\`tsx
<CheckoutButton price="pro" mode="subscription" successPath="/thanks?session_id={CHECKOUT_SESSION_ID}">
  Subscribe to Pro
</CheckoutButton>
\`\`\``,
      },
    },
  },
} satisfies Meta<typeof CheckoutButton>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Idle: Story = {
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('button', { name: 'Buy the field guide' })).toBeEnabled();
    await expectState(canvasElement.querySelector('.tb-checkout-button'), 'idle');
  },
};

/** The session is being created: the button is busy and says where the buyer is going. */
export const Processing: Story = {
  parameters: { tollbooth: { responses: { 'checkout.create': 'pending' } } },
  play: async ({ canvasElement }) => {
    await click(canvasElement);
    await expect(
      await within(canvasElement).findByText(checkoutButtonMessages.processing),
    ).toBeInTheDocument();
    await expect(within(canvasElement).getByRole('button', { name: 'Buy the field guide' })).toBeDisabled();
    await expectState(canvasElement.querySelector('.tb-checkout-button'), 'processing');
  },
};

/** The real server created a hosted session on the simulator; the button hands its URL to `redirect`. */
export const Redirecting: Story = {
  name: 'Succeeded (redirecting)',
  play: async ({ canvasElement, args }) => {
    await click(canvasElement);
    await waitFor(() =>
      expect(args.redirect).toHaveBeenCalledWith(expect.stringContaining('/_simulator/checkout/cs_')),
    );
    await expect(args.onCheckout).toHaveBeenCalledWith(
      expect.objectContaining({ id: expect.stringMatching(/^cs_/) }),
    );
    await expect(await within(canvasElement).findByRole('note')).toHaveTextContent('/_simulator/checkout/');
  },
};

/** A recurring price in subscription mode. */
export const Subscription: Story = {
  args: { price: 'pro', mode: 'subscription', children: 'Subscribe to Pro' },
  play: async ({ canvasElement, args }) => {
    await click(canvasElement);
    await waitFor(() => expect(args.redirect).toHaveBeenCalled());
  },
};

/** With no label of its own, a subscription button says what the click does: "Subscribe", not "Buy now". */
export const SubscriptionDefaultLabel: Story = {
  name: 'Subscription (default label)',
  args: { price: 'pro', mode: 'subscription', children: undefined },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('button', { name: checkoutButtonMessages.subscribe })).toBeVisible();
    await expect(canvas.queryByRole('button', { name: checkoutButtonMessages.label })).toBeNull();
  },
};

export const SignedOut: Story = { name: 'Signed out (401)', ...signedOut(click) };
export const Forbidden: Story = { name: 'Forbidden (403)', ...forbidden(click) };
export const RateLimited: Story = { name: 'Rate limited (429)', ...rateLimited('checkout.create', click) };
export const NetworkError: Story = { name: 'Network error', ...networkError('checkout.create', click) };
