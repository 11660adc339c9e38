import type { Meta, StoryObj } from '@storybook/react-vite';
import { CheckoutButton, errorMessages, pricingTableMessages as m, PricingTable } from '@tollbooth/react';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { storyNavigate } from './fixtures/backend';
import { expectState } from './fixtures/play';
import { loading, networkError, rateLimited } from './fixtures/states';

const redirect = fn(storyNavigate);

const meta = {
  title: 'PricingTable',
  component: PricingTable,
  args: {
    prices: ['starter', 'pro', 'team'],
    // The default action is a <CheckoutButton>; the stories pass one whose redirect stays inside Storybook.
    renderAction: (price, label) => (
      <CheckoutButton
        price={price.id}
        mode={price.recurring ? 'subscription' : 'payment'}
        redirect={redirect}
      >
        {label}
        <span className="tb-visually-hidden"> {price.product.name}</span>
      </CheckoutButton>
    ),
  },
  argTypes: { renderAction: { control: false } },
  parameters: {
    docs: {
      description: {
        component: `The catalog from \`GET /catalog\` as plan cards, each with a buy button (hosted Checkout; subscription mode
for recurring prices). Prices come from Stripe, named by your catalog keys.

\`\`\`tsx
<PricingTable prices={['starter', 'pro', 'team']} successPath="/thanks?session_id={CHECKOUT_SESSION_ID}" />
\`\`\``,
      },
    },
  },
} satisfies Meta<typeof PricingTable>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Plans: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('heading', { name: 'Pro' }, { timeout: 15_000 })).toBeVisible();
    await expect(canvas.getByText('$29.00 / month')).toBeVisible();
    await expect(canvas.getAllByRole('listitem')).toHaveLength(3);
    await expectState(canvasElement.querySelector('.tb-pricing-table'), 'idle');
  },
};

/** Every catalog price, one-time products included. */
export const WholeCatalog: Story = {
  name: 'Whole catalog',
  args: { prices: undefined },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(
      await canvas.findByRole('heading', { name: 'Sticker pack' }, { timeout: 15_000 }),
    ).toBeVisible();
    await expect(canvas.getByRole('button', { name: `${m.buy} Field guide` })).toBeVisible();
  },
};

/** Subscribe to Pro: the server creates a subscription-mode session for the catalog key `pro`. */
export const Subscribe: Story = {
  name: 'Subscribe (redirecting)',
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(
      await canvas.findByRole('button', { name: `${m.subscribe} Pro` }, { timeout: 15_000 }),
    );
    await waitFor(() =>
      expect(redirect).toHaveBeenCalledWith(expect.stringContaining('/_simulator/checkout/cs_')),
    );
  },
};

export const Loading: Story = loading('catalog.read');

/** None of the requested keys is in the catalog. */
export const Empty: Story = {
  args: { prices: [] },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText(m.empty, {}, { timeout: 15_000 })).toBeVisible();
  },
};

/** The catalog is public, but buying is not: a signed-out visitor sees the plans and a 401 on Subscribe. */
export const SignedOut: Story = {
  name: 'Signed out (401)',
  parameters: { tollbooth: { user: 'signedOut' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(
      await canvas.findByRole('button', { name: `${m.subscribe} Team` }, { timeout: 15_000 }),
    );
    await expect(await canvas.findByRole('alert')).toHaveTextContent(errorMessages.unauthenticated);
  },
};

/** A role without `checkout.create`: the plans show, Subscribe answers 403. */
export const Forbidden: Story = {
  name: 'Forbidden (403)',
  parameters: { tollbooth: { user: 'guest' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(
      await canvas.findByRole('button', { name: `${m.subscribe} Team` }, { timeout: 15_000 }),
    );
    await expect(await canvas.findByRole('alert')).toHaveTextContent(errorMessages.forbidden);
  },
};

export const RateLimited: Story = { name: 'Rate limited (429)', ...rateLimited('catalog.read') };
export const NetworkError: Story = { name: 'Network error', ...networkError('catalog.read') };
