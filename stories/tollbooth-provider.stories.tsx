import type { Meta, StoryObj } from '@storybook/react-vite';
import {
  errorMessages,
  PricingTable,
  TollboothProvider,
  type TollboothProviderProps,
  useCatalog,
  useTollbooth,
} from '@tollbooth/react';
import { Component, type ReactNode, useState } from 'react';
import { expect, userEvent, within } from 'storybook/test';
import type { StoryBackend } from './fixtures/backend';

/** A consumer of the context: the catalog through `useCatalog()`, and a raw call through `useTollbooth()`. */
function CatalogSummary(): ReactNode {
  const catalog = useCatalog();
  const client = useTollbooth();
  const [invoices, setInvoices] = useState<string | null>(null);
  if (catalog.error) return <p role="alert">{catalog.error.message}</p>;
  if (!catalog.data) return <p role="status">{errorMessages.loading}</p>;
  return (
    <div className="tb">
      <p>
        <code>useCatalog()</code> found {catalog.data.prices.length} prices:{' '}
        {catalog.data.prices.map((p) => p.product.name).join(', ')}.
      </p>
      <button
        type="button"
        className="tb-button tb-button-secondary"
        onClick={() =>
          client.listInvoices().then(
            (r) => setInvoices(`${r.data.length} invoices`),
            (e: Error) => setInvoices(e.message),
          )
        }
      >
        Call client.listInvoices()
      </button>
      {invoices ? <p role="status">{invoices}</p> : null}
    </div>
  );
}

/** Shows what a component throws when it has no provider above it. */
class ShowError extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override render() {
    return this.state.error ? <p role="alert">{this.state.error.message}</p> : this.props.children;
  }
}

const meta = {
  title: 'TollboothProvider',
  component: TollboothProvider,
  args: { locale: 'en-US' },
  argTypes: {
    stripe: { control: false },
    fetch: { control: false },
    messages: { control: 'object' },
    endpoint: { control: false },
  },
  // These stories render the provider themselves, wired to the story's in-page backend.
  parameters: {
    tollbooth: { provider: false },
    docs: {
      description: {
        component: `Gives every component below it the endpoint of your Tollbooth route, Stripe.js (loaded lazily, once, only by
components that need it), the Elements appearance, the locale and message overrides.

\`\`\`tsx
'use client';
import { TollboothProvider } from '@tollbooth/react';
import '@tollbooth/react/styles.css';

export function Providers({ children }: { children: React.ReactNode }) {
  return (
    <TollboothProvider publishableKey={process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY} appearance={{ theme: 'stripe' }}>
      {children}
    </TollboothProvider>
  );
}
\`\`\``,
      },
    },
  },
  render: (args: TollboothProviderProps, { loaded }) => {
    const backend = loaded.backend as StoryBackend;
    return (
      <TollboothProvider {...args} endpoint={backend.endpoint} stripe={backend.stripeJs}>
        {args.children ?? <CatalogSummary />}
      </TollboothProvider>
    );
  },
} satisfies Meta<typeof TollboothProvider>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Hooks under the provider reach the server: the catalog, and the typed client for anything else. */
export const WithHooks: Story = {
  name: 'Hooks and client',
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText(/found 5 prices/, {}, { timeout: 15_000 })).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Call client.listInvoices()' }));
    await expect(await canvas.findByText('0 invoices', {}, { timeout: 15_000 })).toBeVisible();
  },
};

/** Every label can be replaced from the provider, per component (here in French). */
export const Messages: Story = {
  name: 'Message overrides',
  args: {
    locale: 'fr-FR',
    messages: {
      pricingTable: { heading: 'Nos offres', subscribe: "S'abonner", perInterval: '{amount} par {interval}' },
    },
    children: <PricingTable prices={['starter', 'pro']} />,
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(
      await canvas.findByRole('heading', { name: 'Nos offres' }, { timeout: 15_000 }),
    ).toBeVisible();
    await expect(
      await canvas.findAllByRole('button', { name: /^S'abonner/ }, { timeout: 15_000 }),
    ).toHaveLength(2);
  },
};

/** A hook's failed request: `useCatalog().error` is a `TollboothError` with code `network_error`. */
export const NetworkError: Story = {
  name: 'Network error (hooks)',
  parameters: { tollbooth: { provider: false, responses: { 'catalog.read': 'network_error' } } },
  play: async ({ canvasElement }) => {
    const alert = await within(canvasElement).findByRole('alert', {}, { timeout: 15_000 });
    await expect(alert).toHaveTextContent(/network request failed/);
  },
};

/** Without a provider, components and hooks throw an error that says how to fix it. */
export const MissingProvider: Story = {
  name: 'Missing provider (error)',
  render: () => (
    <ShowError>
      <CatalogSummary />
    </ShowError>
  ),
  play: async ({ canvasElement }) => {
    const alert = await within(canvasElement).findByRole('alert');
    await expect(alert).toHaveTextContent(
      'wrap the part of your app that calls useCatalog() in <TollboothProvider>',
    );
  },
};
