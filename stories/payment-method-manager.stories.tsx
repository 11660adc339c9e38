import type { Meta, StoryObj } from '@storybook/react-vite';
import { declineMessages, paymentMethodManagerMessages as m, PaymentMethodManager } from '@tollbooth/react';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { answerChallenge, expectState, TEST_CARDS, typeCard } from './fixtures/play';
import { noCards, savedCards } from './fixtures/seeds';
import { forbidden, loading, networkError, rateLimited, signedOut } from './fixtures/states';

const section = (canvasElement: HTMLElement) => canvasElement.querySelector('.tb-payment-methods');

/** Opens the add step, types `card` and saves it. */
async function addCard(canvasElement: HTMLElement, card: string): Promise<void> {
  const canvas = within(canvasElement);
  await userEvent.click(await canvas.findByRole('button', { name: m.add }, { timeout: 15_000 }));
  const form = await canvas.findByRole('form', { name: m.add }, { timeout: 15_000 });
  await typeCard(form, { number: card });
  const save = within(form).getByRole('button', { name: m.save });
  await waitFor(() => expect(save).toBeEnabled());
  await userEvent.click(save);
}

const openAdd = async (canvasElement: HTMLElement) =>
  userEvent.click(await within(canvasElement).findByRole('button', { name: m.add }, { timeout: 15_000 }));

const meta = {
  title: 'PaymentMethodManager',
  component: PaymentMethodManager,
  args: { onSaved: fn() },
  parameters: {
    tollbooth: { seed: savedCards, width: '46rem' },
    docs: {
      description: {
        component: `The signed-in customer's saved cards: add one (SetupIntent + Payment Element, 3-D Secure included), make one
the default, remove one after a confirm step. Every call acts on the caller's own customer only.

\`\`\`tsx
<PaymentMethodManager onSaved={() => toast('Card saved')} />
\`\`\``,
      },
    },
  },
} satisfies Meta<typeof PaymentMethodManager>;

export default meta;
type Story = StoryObj<typeof meta>;

export const WithData: Story = {
  name: 'Saved cards',
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const visa = await canvas.findByText(/^Visa ending in 4242/, {}, { timeout: 15_000 });
    await expect(visa.closest('li')).toHaveTextContent(m.default);
    await expect(canvas.getByText(/^Mastercard ending in 4444/)).toBeVisible();
    await expectState(section(canvasElement), 'idle');
  },
};

export const Loading: Story = loading('paymentMethods.list');

export const Empty: Story = {
  parameters: { tollbooth: { seed: noCards } },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText(m.empty, {}, { timeout: 15_000 })).toBeVisible();
  },
};

/** Add 4242 4242 4242 4242: the SetupIntent succeeds and the list shows the new card. */
export const AddCard: Story = {
  name: 'Add a card (succeeded)',
  parameters: { tollbooth: { seed: noCards } },
  play: async ({ canvasElement, args }) => {
    await addCard(canvasElement, TEST_CARDS.visa);
    await expect(
      await within(canvasElement).findByText(m.saved, {}, { timeout: 15_000 }),
    ).toBeInTheDocument();
    await expect(within(canvasElement).getByText(/^Visa ending in 4242/)).toBeVisible();
    await expect(args.onSaved).toHaveBeenCalledWith(expect.objectContaining({ status: 'succeeded' }));
  },
};

/** Making another card the default: the request is on its way. */
export const Processing: Story = {
  parameters: { tollbooth: { responses: { 'paymentMethods.setDefault': 'pending' } } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(
      await canvas.findByRole('button', { name: /^Make default\s*: Mastercard/ }, { timeout: 15_000 }),
    );
    await expect(await canvas.findByText(m.processing)).toBeInTheDocument();
    await expectState(section(canvasElement), 'processing');
  },
};

export const SetDefault: Story = {
  name: 'Make default (succeeded)',
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(
      await canvas.findByRole('button', { name: /^Make default\s*: Mastercard/ }, { timeout: 15_000 }),
    );
    await expect(await canvas.findByText(m.defaultSet, {}, { timeout: 15_000 })).toBeInTheDocument();
    await expect(canvas.getByText(/^Mastercard ending in 4444/).closest('li')).toHaveTextContent(m.default);
  },
};

/** Remove asks first; confirming detaches the card on the server. */
export const Remove: Story = {
  name: 'Remove with confirm',
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(
      await canvas.findByRole('button', { name: /^Remove Mastercard/ }, { timeout: 15_000 }),
    );
    const confirm = await canvas.findByRole('group', { name: /^Remove Mastercard ending in 4444/ });
    await userEvent.click(within(confirm).getByRole('button', { name: m.confirm }));
    await expect(await canvas.findByText(m.removed, {}, { timeout: 15_000 })).toBeInTheDocument();
    await expect(canvas.queryByText(/^Mastercard ending in 4444/)).not.toBeInTheDocument();
  },
};

/** 4000 0000 0000 0002 is declined when it is set up. */
export const CardDeclined: Story = {
  name: 'Card declined',
  parameters: { tollbooth: { seed: noCards } },
  play: async ({ canvasElement }) => {
    await addCard(canvasElement, TEST_CARDS.declined);
    const alert = await within(canvasElement).findByRole('alert', {}, { timeout: 15_000 });
    await expect(alert).toHaveTextContent(declineMessages.generic_decline);
  },
};

/** 4000 0025 0000 3155 asks for 3-D Secure while saving; completing it saves the card. */
export const ThreeDSecure: Story = {
  name: '3-D Secure challenge',
  parameters: { tollbooth: { seed: noCards } },
  play: async ({ canvasElement }) => {
    await addCard(canvasElement, TEST_CARDS.threeDSecure);
    await answerChallenge('Complete');
    await expect(
      await within(canvasElement).findByText(m.saved, {}, { timeout: 15_000 }),
    ).toBeInTheDocument();
    await expect(within(canvasElement).getByText(/^Visa ending in 3155/)).toBeVisible();
  },
};

export const SignedOut: Story = { name: 'Signed out (401)', ...signedOut() };
export const Forbidden: Story = { name: 'Forbidden (403)', ...forbidden() };
/** Too many new cards: `setupIntent.create` answers 429 when Add a card is pressed. */
export const RateLimited: Story = {
  name: 'Rate limited (429)',
  ...rateLimited('setupIntent.create', openAdd),
};
export const NetworkError: Story = { name: 'Network error', ...networkError('paymentMethods.list') };
