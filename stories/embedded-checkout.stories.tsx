import type { Meta, StoryObj } from '@storybook/react-vite';
import { EmbeddedCheckout } from '@tollbooth/react';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { answerChallenge, TEST_CARDS, typeCard } from './fixtures/play';
import { forbidden, loading, networkError, rateLimited, signedOut } from './fixtures/states';

/** The stand-in's embedded page renders a form named "Checkout" with the order summary and a card form. */
const checkoutForm = (canvasElement: HTMLElement) =>
  within(canvasElement).findByRole('form', { name: 'Checkout' }, { timeout: 15_000 });

async function pay(canvasElement: HTMLElement, card: string): Promise<void> {
  const form = await checkoutForm(canvasElement);
  await typeCard(form, { number: card });
  await userEvent.click(within(form).getByRole('button', { name: /^Pay|^Subscribe/ }));
}

const meta = {
  title: 'EmbeddedCheckout',
  component: EmbeddedCheckout,
  args: { items: [{ price: 'guide', quantity: 2 }], onComplete: fn() },
  parameters: {
    tollbooth: { width: '30rem' },
    docs: {
      description: {
        component: `Stripe's embedded Checkout inside your page: the server creates an \`embedded\` session for \`items\`, Stripe.js
mounts the checkout form. Here Stripe.js is the offline stand-in, so the form below is the stand-in's.

\`\`\`tsx
<EmbeddedCheckout items={[{ price: 'guide', quantity: 2 }]} successPath="/thanks?session_id={CHECKOUT_SESSION_ID}" />
\`\`\``,
      },
    },
  },
} satisfies Meta<typeof EmbeddedCheckout>;

export default meta;
type Story = StoryObj<typeof meta>;

export const WithData: Story = {
  name: 'Ready to pay',
  play: async ({ canvasElement }) => {
    const form = await checkoutForm(canvasElement);
    await expect(within(form).getByRole('list', { name: 'Order summary' })).toHaveTextContent('$30.00');
    await expect(within(form).getByRole('button', { name: 'Pay $30.00' })).toBeVisible();
  },
};

export const Loading: Story = loading('checkout.create');

export const Succeeded: Story = {
  play: async ({ canvasElement, args }) => {
    await pay(canvasElement, TEST_CARDS.visa);
    await expect(
      await within(canvasElement).findByText('Payment complete. Thank you!', {}, { timeout: 15_000 }),
    ).toBeVisible();
    await waitFor(() => expect(args.onComplete).toHaveBeenCalled());
  },
};

/** Paying: the stand-in's page disables the form until the simulator answers (here it never does). */
export const Processing: Story = {
  parameters: { tollbooth: { confirm: 'pending' } },
  play: async ({ canvasElement }) => {
    await pay(canvasElement, TEST_CARDS.visa);
    const form = await checkoutForm(canvasElement);
    await waitFor(() => expect(within(form).getByRole('button', { name: 'Pay $30.00' })).toBeDisabled());
    await expect(within(form).getByLabelText('Card number')).toBeDisabled();
  },
};

/** A 3-D Secure card: the bank's challenge opens before anything is charged; completing it pays. */
export const ThreeDSecure: Story = {
  name: '3-D Secure (completed)',
  play: async ({ canvasElement, args }) => {
    await pay(canvasElement, TEST_CARDS.threeDSecure);
    await expect(args.onComplete).not.toHaveBeenCalled();
    await answerChallenge('Complete');
    await waitFor(() => expect(args.onComplete).toHaveBeenCalled(), { timeout: 15_000 });
  },
};

/** The challenge failed: nothing is charged, the page says so and keeps the form for another card. */
export const ThreeDSecureFailed: Story = {
  name: '3-D Secure (failed)',
  play: async ({ canvasElement, args }) => {
    await pay(canvasElement, TEST_CARDS.threeDSecure);
    await answerChallenge('Fail');
    const form = await checkoutForm(canvasElement);
    await waitFor(() => expect(within(form).getByRole('alert')).toHaveTextContent(/authentication/i), {
      timeout: 15_000,
    });
    await expect(args.onComplete).not.toHaveBeenCalled();
  },
};

export const CardDeclined: Story = {
  name: 'Card declined',
  play: async ({ canvasElement, args }) => {
    await pay(canvasElement, TEST_CARDS.declined);
    const form = await checkoutForm(canvasElement);
    await waitFor(() => expect(within(form).getByRole('alert')).toHaveTextContent(/declined/i), {
      timeout: 15_000,
    });
    await expect(args.onComplete).not.toHaveBeenCalled();
  },
};

export const Subscription: Story = {
  args: { items: [{ price: 'pro', quantity: 1 }], mode: 'subscription' },
  play: async ({ canvasElement }) => {
    const form = await checkoutForm(canvasElement);
    await expect(within(form).getByRole('button', { name: 'Subscribe' })).toBeVisible();
  },
};

export const SignedOut: Story = { name: 'Signed out (401)', ...signedOut() };
export const Forbidden: Story = { name: 'Forbidden (403)', ...forbidden() };
export const RateLimited: Story = { name: 'Rate limited (429)', ...rateLimited('checkout.create') };
export const NetworkError: Story = { name: 'Network error', ...networkError('checkout.create') };
