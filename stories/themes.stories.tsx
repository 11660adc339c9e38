import type { Meta, StoryObj } from '@storybook/react-vite';
import { PaymentForm, PaymentMethodManager, PricingTable } from '@tollbooth/react';
import type { ReactNode } from 'react';
import { expect, within } from 'storybook/test';
import { savedCards } from './fixtures/seeds';

/** A page of components, so a theme is judged (and checked by axe, contrast included) on them together. */
function ThemePreview(): ReactNode {
  return (
    <div style={{ display: 'grid', gap: '2rem' }}>
      <PricingTable prices={['starter', 'pro', 'team']} renderAction={() => null} />
      <PaymentMethodManager />
      <PaymentForm items={[{ price: 'guide', quantity: 1 }]} />
    </div>
  );
}

const ready = async ({ canvasElement }: { canvasElement: HTMLElement }) => {
  const canvas = within(canvasElement);
  await expect(await canvas.findByText(/^Visa ending in 4242/, {}, { timeout: 15_000 })).toBeVisible();
  await expect(await canvas.findByLabelText('Card number', {}, { timeout: 15_000 })).toBeVisible();
};

const meta = {
  title: 'Themes',
  component: ThemePreview,
  parameters: {
    tollbooth: { seed: savedCards },
    docs: {
      description: {
        component: `Every color, radius and spacing is a CSS variable of \`@tollbooth/react/styles.css\`. Set \`data-theme="dark"\`
on a parent for the dark theme, or override the variables for your own:

\`\`\`css
.checkout {
  --tb-font: Georgia, serif;
  --tb-radius: 14px;
  --tb-color-accent: #0f766e;
  --tb-color-surface: #ffffff;
}
\`\`\``,
      },
    },
  },
} satisfies Meta<typeof ThemePreview>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Light: Story = { globals: { theme: 'light' }, play: ready };
export const Dark: Story = { globals: { theme: 'dark' }, play: ready };
export const Custom: Story = { name: 'Custom CSS variables', globals: { theme: 'custom' }, play: ready };
