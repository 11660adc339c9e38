import type { Meta, StoryObj } from '@storybook/react-vite';
import { refundFormMessages as m, RefundForm } from '@tollbooth/react';
import { expect, fn, userEvent, within } from 'storybook/test';
import type { StoryBackend } from './fixtures/backend';
import { expectState } from './fixtures/play';
import { payment } from './fixtures/seeds';
import { networkError, rateLimited, signedOut } from './fixtures/states';

const form = (canvasElement: HTMLElement) => canvasElement.querySelector('.tb-refund-form');
/** Refund, then "Yes, refund" in the confirm step that every refund goes through. */
const submit = async (canvasElement: HTMLElement) => {
  const canvas = within(canvasElement);
  await userEvent.click(await canvas.findByRole('button', { name: m.submit }));
  await userEvent.click(await canvas.findByRole('button', { name: m.confirm }));
};

const meta = {
  title: 'RefundForm',
  component: RefundForm,
  // The seed makes a real, paid PaymentIntent on the simulator; its id is only known at render time.
  render: (args, { loaded }) => (
    <RefundForm
      {...args}
      paymentIntent={(loaded.backend as StoryBackend).refs.paymentIntent ?? args.paymentIntent}
    />
  ),
  args: { paymentIntent: 'pi_seeded_at_render', currency: 'usd', onRefunded: fn() },
  argTypes: { paymentIntent: { control: false } },
  parameters: {
    // Staff view: support may refund payments up to $50.00 (a condition in the story server's rbac policy).
    tollbooth: { user: 'support', seed: payment(2900), width: '30rem' },
    docs: {
      description: {
        component: `A staff form refunding a payment in full or in part. Your \`authorize\` decides who may refund and how much:
the stories' policy lets \`support\` refund up to $50.00 and \`admin\` anything.

\`\`\`tsx
// authorize: rbac({ support: { 'refunds.create': ({ resource }) => resource.amount <= 5000 }, admin: ['*'] })
<RefundForm paymentIntent="pi_…" currency="usd" onRefunded={(r) => toast(\`Refunded \${r.amount}\`)} />
\`\`\``,
      },
    },
  },
} satisfies Meta<typeof RefundForm>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Support staff, before refunding a $29.00 payment. */
export const StaffView: Story = {
  name: 'Staff view',
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('heading', { name: /^Refund payment pi_/ })).toBeVisible();
    await expect(canvas.getByLabelText(/^Amount to refund \(USD\)/)).toBeEnabled();
    await expectState(form(canvasElement), 'idle');
  },
};

/** An empty amount refunds everything, so the form asks first; nothing is sent until "Yes, refund". */
export const ConfirmFullRefund: Story = {
  name: 'Confirm step (full refund)',
  args: { refundable: 2900 },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText('$29.00 left to refund.')).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: m.submit }));
    const group = await canvas.findByRole('group', { name: 'Refund the whole payment?' });
    await expect(group).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    await expect(canvas.getByRole('button', { name: m.submit })).toHaveFocus();
    await expectState(form(canvasElement), 'idle');
  },
};

/** Full refund: the amount left empty refunds everything, once confirmed. */
export const FullRefund: Story = {
  name: 'Full refund (succeeded)',
  play: async ({ canvasElement, args }) => {
    await submit(canvasElement);
    await expect(
      await within(canvasElement).findByText(/^Refunded \$29\.00/, {}, { timeout: 15_000 }),
    ).toBeInTheDocument();
    await expectState(form(canvasElement), 'succeeded');
    await expect(args.onRefunded).toHaveBeenCalledWith(
      expect.objectContaining({ amount: 2900, currency: 'usd' }),
    );
  },
};

/** An administrator refunds part of a large payment, with a reason. */
export const PartialRefund: Story = {
  name: 'Partial refund by an admin',
  parameters: { tollbooth: { user: 'admin', seed: payment(12000) } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText(/^Amount to refund/), '12.50');
    await userEvent.selectOptions(canvas.getByLabelText(m.reason), m.requested_by_customer);
    await submit(canvasElement);
    await expect(await canvas.findByText(/^Refunded \$12\.50/, {}, { timeout: 15_000 })).toBeInTheDocument();
  },
};

export const Processing: Story = {
  parameters: { tollbooth: { responses: { 'refunds.create': 'pending' } } },
  play: async ({ canvasElement }) => {
    await submit(canvasElement);
    await expect(await within(canvasElement).findByText(m.processing)).toBeInTheDocument();
    await expectState(form(canvasElement), 'processing');
  },
};

/** The amount field is checked before anything is sent. */
export const InvalidAmount: Story = {
  name: 'Invalid amount',
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText(/^Amount to refund/), '-3');
    // No confirm step for an amount that cannot be sent.
    await userEvent.click(canvas.getByRole('button', { name: m.submit }));
    await expect(await canvas.findByRole('alert')).toHaveTextContent(m.invalidAmount);
    await expect(canvas.getByLabelText(/^Amount to refund/)).toHaveAttribute('aria-invalid', 'true');
  },
};

/**
 * Over the support role's $50.00 ceiling: the policy's condition sees the loaded payment and denies; with
 * `limit` the form names the cap.
 */
export const OverLimit: Story = {
  name: 'Forbidden: over the staff limit (403)',
  args: { limit: 5000 },
  parameters: { tollbooth: { seed: payment(9900) } },
  play: async ({ canvasElement }) => {
    await submit(canvasElement);
    await expect(await within(canvasElement).findByRole('alert', {}, { timeout: 15_000 })).toHaveTextContent(
      'You may refund at most $50.00 at once. Refund less, or ask an admin.',
    );
  },
};

/** More than what is left: the form says what is left, and the earlier success is gone. */
export const MoreThanLeft: Story = {
  name: 'More than is left to refund',
  args: { refundable: 2900 },
  parameters: { tollbooth: { user: 'admin' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText(/^Amount to refund/), '40');
    await submit(canvasElement);
    await expect(await canvas.findByRole('alert', {}, { timeout: 15_000 })).toHaveTextContent(
      'This is more than is left to refund on this payment.',
    );
    await expectState(form(canvasElement), 'error');
  },
};

/** A customer is not staff: the same form, denied by the server. */
export const Forbidden: Story = {
  name: 'Forbidden: customer (403)',
  parameters: { tollbooth: { user: 'customer' } },
  play: async ({ canvasElement }) => {
    await submit(canvasElement);
    await expect(await within(canvasElement).findByRole('alert', {}, { timeout: 15_000 })).toHaveTextContent(
      m.overLimit,
    );
  },
};

export const SignedOut: Story = { name: 'Signed out (401)', ...signedOut(submit) };
export const RateLimited: Story = { name: 'Rate limited (429)', ...rateLimited('refunds.create', submit) };
export const NetworkError: Story = { name: 'Network error', ...networkError('refunds.create', submit) };
