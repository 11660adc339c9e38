import type { Meta, StoryObj } from '@storybook/react-vite';
import type { CatalogResponse } from '@tollbooth/core';
import { type ReactNode, useEffect, useState } from 'react';
import { expect, within } from 'storybook/test';
import type { StoryBackend } from './fixtures/backend';

/**
 * The wiring under every story, without a component on top: a plain `fetch` to the story's endpoint reaches the
 * real server handler through msw, and the server reads prices from the simulator through stripe-node.
 */
function CatalogProbe({ endpoint }: { endpoint: string }): ReactNode {
  const [result, setResult] = useState<{ status: number; body: unknown } | null>(null);
  useEffect(() => {
    fetch(`${endpoint}/catalog`).then(
      async (response) => setResult({ status: response.status, body: await response.json() }),
      (error: unknown) => setResult({ status: 0, body: String(error) }),
    );
  }, [endpoint]);
  if (!result) return <p role="status">Calling GET {endpoint}/catalog…</p>;
  const prices = (result.body as Partial<CatalogResponse>).prices ?? [];
  return (
    <section aria-labelledby="probe-heading">
      <h2 id="probe-heading">
        GET /catalog answered {result.status} with {prices.length} prices
      </h2>
      <ul>
        {prices.map((p) => (
          <li key={p.id}>
            {p.id}: {p.product.name}, {p.unitAmount} {p.currency}
            {p.recurring ? ` per ${p.recurring.interval}` : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}

const meta = {
  title: 'In-page backend',
  component: CatalogProbe,
  parameters: { tollbooth: { provider: false } },
  render: (_args, { loaded }) => <CatalogProbe endpoint={(loaded.backend as StoryBackend).endpoint} />,
  args: { endpoint: '' },
  argTypes: { endpoint: { control: false } },
} satisfies Meta<typeof CatalogProbe>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The catalog, priced by the simulator, read through the server's `catalog.read` route. */
export const Catalog: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('heading', { name: /answered 200 with 5 prices/ })).toBeVisible();
    await expect(canvas.getByText(/pro: Pro, 2900 usd per month/)).toBeVisible();
  },
};

/** A fixed response in front of the server: `parameters.tollbooth.responses` answers 429 for the route. */
export const FixedResponse: Story = {
  parameters: { tollbooth: { provider: false, responses: { 'catalog.read': 'rate_limited' } } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('heading', { name: /answered 429 with 0 prices/ })).toBeVisible();
  },
};
