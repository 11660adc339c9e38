import type { Meta, StoryObj } from '@storybook/react-vite';
import {
  declineMessages,
  errorMessages,
  PaymentForm,
  type PaymentFormProps,
  paymentFormMessages,
  type StripeProp,
  TollboothProvider,
} from '@tollbooth/react';
import { useState } from 'react';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import type { StoryBackend } from './fixtures/backend';
import { answerChallenge, expectState, TEST_CARDS, typeCard } from './fixtures/play';

const root = (canvas: HTMLElement) => canvas.querySelector('.tb-payment-form');

/** Types `card` and presses Pay, once the form and its Payment Element are ready. */
async function pay(canvasElement: HTMLElement, card: string): Promise<void> {
  const canvas = within(canvasElement);
  const form = await canvas.findByRole('form', { name: paymentFormMessages.label }, { timeout: 15_000 });
  await typeCard(form, { number: card });
  const submit = within(form).getByRole('button', { name: /^Pay / });
  await waitFor(() => expect(submit).toBeEnabled());
  await userEvent.click(submit);
}

const meta = {
  title: 'PaymentForm',
  component: PaymentForm,
  args: { items: [{ price: 'guide', quantity: 1 }], onSuccess: fn(), onError: fn() },
  parameters: {
    tollbooth: { width: '30rem' },
    docs: {
      description: {
        component: `Creates a PaymentIntent for \`items\` on your server (which prices them) while Stripe.js loads, renders the
Payment Element, confirms with \`redirect: 'if_required'\` and runs 3-D Secure. Errors are shown as Stripe's
friendly decline messages.

\`\`\`tsx
<TollboothProvider publishableKey={process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY}>
  <PaymentForm items={[{ price: 'guide', quantity: 1 }]} onSuccess={(pi) => router.push('/thanks')} />
</TollboothProvider>
\`\`\``,
      },
    },
  },
} satisfies Meta<typeof PaymentForm>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Ready to pay: the amount on the button comes from the server's PaymentIntent, not from the page. */
export const WithData: Story = {
  name: 'Ready to pay',
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByLabelText('Card number', {}, { timeout: 15_000 })).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Pay $15.00' })).toBeVisible();
    await expectState(root(canvasElement), 'idle');
  },
};

/** The PaymentIntent is still being created. */
export const Loading: Story = {
  parameters: { tollbooth: { responses: { 'paymentIntent.create': 'pending' } } },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText(errorMessages.loading)).toBeInTheDocument();
    await expectState(root(canvasElement), 'loading');
  },
};

/** The card is being confirmed (the simulator holds the answer back). */
export const Processing: Story = {
  parameters: { tollbooth: { confirm: 'pending' } },
  play: async ({ canvasElement }) => {
    await pay(canvasElement, TEST_CARDS.visa);
    await expect(await within(canvasElement).findByText(paymentFormMessages.processing)).toBeInTheDocument();
    await expectState(root(canvasElement), 'processing');
  },
};

/** 4242 4242 4242 4242: the payment succeeds and `onSuccess` gets the PaymentIntent. */
export const Succeeded: Story = {
  play: async ({ canvasElement, args }) => {
    await pay(canvasElement, TEST_CARDS.visa);
    await expect(
      await within(canvasElement).findByText(paymentFormMessages.succeeded, {}, { timeout: 15_000 }),
    ).toBeVisible();
    await expectState(root(canvasElement), 'succeeded');
    await expect(args.onSuccess).toHaveBeenCalledWith(expect.objectContaining({ status: 'succeeded' }));
  },
};

/** 4000 0000 0000 0002: a generic decline, with the message Stripe would show. */
export const CardDeclined: Story = {
  name: 'Card declined',
  play: async ({ canvasElement, args }) => {
    await pay(canvasElement, TEST_CARDS.declined);
    const alert = await within(canvasElement).findByRole('alert', {}, { timeout: 15_000 });
    await expect(alert).toHaveTextContent(declineMessages.generic_decline);
    await expectState(root(canvasElement), 'error');
    await expect(args.onError).toHaveBeenCalled();
  },
};

/** 4000 0000 0000 9995: declined for insufficient funds. */
export const InsufficientFunds: Story = {
  name: 'Insufficient funds',
  play: async ({ canvasElement }) => {
    await pay(canvasElement, TEST_CARDS.insufficientFunds);
    const alert = await within(canvasElement).findByRole('alert', {}, { timeout: 15_000 });
    await expect(alert).toHaveTextContent(declineMessages.insufficient_funds);
  },
};

/** 4000 0025 0000 3155: the bank asks for 3-D Secure; completing it pays. */
export const ThreeDSecure: Story = {
  name: '3-D Secure challenge',
  play: async ({ canvasElement }) => {
    await pay(canvasElement, TEST_CARDS.threeDSecure);
    await answerChallenge('Complete');
    await expect(
      await within(canvasElement).findByText(paymentFormMessages.succeeded, {}, { timeout: 15_000 }),
    ).toBeVisible();
    await expectState(root(canvasElement), 'succeeded');
  },
};

/** Failing the 3-D Secure challenge leaves the payment unpaid, with a message and the form to retry. */
export const ThreeDSecureFailed: Story = {
  name: '3-D Secure failed',
  play: async ({ canvasElement }) => {
    await pay(canvasElement, TEST_CARDS.threeDSecure);
    await answerChallenge('Fail');
    const alert = await within(canvasElement).findByRole('alert', {}, { timeout: 15_000 });
    await expect(alert).toHaveTextContent(declineMessages.authentication_failed);
  },
};

/** Signed out: the real server answers 401 to `paymentIntent.create`. */
export const SignedOut: Story = {
  name: 'Signed out (401)',
  parameters: { tollbooth: { user: 'signedOut' } },
  play: async ({ canvasElement }) => {
    const alert = await within(canvasElement).findByRole('alert', {}, { timeout: 15_000 });
    await expect(alert).toHaveTextContent(errorMessages.unauthenticated);
    await expectState(root(canvasElement), 'error');
  },
};

/** Signed in without permission to pay: the real server's `authorize` denies with 403. */
export const Forbidden: Story = {
  name: 'Forbidden (403)',
  parameters: { tollbooth: { user: 'guest' } },
  play: async ({ canvasElement }) => {
    const alert = await within(canvasElement).findByRole('alert', {}, { timeout: 15_000 });
    await expect(alert).toHaveTextContent(errorMessages.forbidden);
  },
};

/** Too many attempts: the server answers 429. */
export const RateLimited: Story = {
  name: 'Rate limited (429)',
  parameters: { tollbooth: { responses: { 'paymentIntent.create': 'rate_limited' } } },
  play: async ({ canvasElement }) => {
    const alert = await within(canvasElement).findByRole('alert', {}, { timeout: 15_000 });
    await expect(alert).toHaveTextContent(errorMessages.rate_limited);
  },
};

/** The request never reached the server; Try again repeats it with the same Idempotency-Key. */
export const NetworkError: Story = {
  name: 'Network error',
  parameters: { tollbooth: { responses: { 'paymentIntent.create': 'network_error' } } },
  play: async ({ canvasElement }) => {
    const alert = await within(canvasElement).findByRole('alert', {}, { timeout: 15_000 });
    await expect(alert).toHaveTextContent(errorMessages.network_error);
    await expect(within(alert).getByRole('button', { name: errorMessages.retry })).toBeVisible();
  },
};

/** Stripe.js that fails to load once (a content blocker, a dropped connection), then loads on a retry. */
function BlockedOnce(props: PaymentFormProps & { backend: StoryBackend }) {
  const { backend, ...form } = props;
  const [stripe] = useState(() => {
    let attempts = 0;
    return {
      // biome-ignore lint/suspicious/noThenProperty: a PromiseLike, as loadStripe's result is.
      then: (ok: (value: unknown) => unknown, fail: (error: unknown) => unknown) =>
        attempts++ === 0 ? fail(new Error('Failed to load Stripe.js')) : ok(backend.stripeJs),
    } as unknown as StripeProp;
  });
  return (
    <TollboothProvider endpoint={backend.endpoint} stripe={stripe} locale="en-US">
      <PaymentForm {...form} />
    </TollboothProvider>
  );
}

/** Stripe.js could not load: said in words (not "our side"), with a retry that loads the form. */
export const StripeJsUnavailable: Story = {
  name: 'Stripe.js could not load (retry)',
  parameters: { tollbooth: { provider: false } },
  render: (args, { loaded }) => <BlockedOnce {...args} backend={loaded.backend as StoryBackend} />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const alert = await canvas.findByRole('alert', {}, { timeout: 15_000 });
    await expect(alert).toHaveTextContent(errorMessages.stripe_unavailable);
    await expectState(root(canvasElement), 'error');
    await userEvent.click(within(alert).getByRole('button', { name: errorMessages.retry }));
    await expect(await canvas.findByLabelText('Card number', {}, { timeout: 15_000 })).toBeVisible();
  },
};
