import type { Meta, StoryObj } from '@storybook/react-vite';
import { planSwitcherMessages as m, PlanSwitcher } from '@tollbooth/react';
import { expect, userEvent, within } from 'storybook/test';
import { onPlan, scheduledDowngrade } from './fixtures/plan-seeds';
import { answerChallenge, expectState } from './fixtures/play';
import { noCards } from './fixtures/seeds';
import { forbidden, loading, networkError, signedOut } from './fixtures/states';

const section = (canvasElement: HTMLElement) => canvasElement.querySelector('.tb-plan-switcher');
const row = async (canvasElement: HTMLElement, plan: string) =>
  (await within(canvasElement).findByText(plan, { selector: '.tb-item-label' }, { timeout: 15_000 })).closest(
    'li',
  ) as HTMLElement;
const choose = async (canvasElement: HTMLElement, plan: string) =>
  userEvent.click(
    await within(canvasElement).findByRole(
      'button',
      { name: m.choose.replace('{plan}', plan) },
      { timeout: 15_000 },
    ),
  );

const meta = {
  title: 'PlanSwitcher',
  component: PlanSwitcher,
  args: { prices: ['starter', 'pro', 'team'] },
  parameters: {
    tollbooth: { seed: onPlan('pro'), width: '40rem' },
    docs: {
      description: {
        component: `Moves the customer's subscription between plans. Each choice is previewed first (due today,
the credit for unused time, the next invoice) from Stripe's invoice preview; an upgrade is charged at once
(3-D Secure completed here), a downgrade waits for the period end and can be undone.

\`\`\`tsx
<PlanSwitcher prices={['starter', 'pro', 'team']} />
\`\`\``,
      },
    },
  },
} satisfies Meta<typeof PlanSwitcher>;

export default meta;
type Story = StoryObj<typeof meta>;

export const OnPro: Story = {
  name: 'Current, upgrade and downgrade',
  play: async ({ canvasElement }) => {
    await expect(within(await row(canvasElement, 'Pro')).getByText(m.current)).toBeVisible();
    await expect(within(await row(canvasElement, 'Team')).getByText(m.upgrade)).toBeVisible();
    await expect(within(await row(canvasElement, 'Starter')).getByText(m.downgrade)).toBeVisible();
    await expectState(section(canvasElement), 'idle');
  },
};

/** The preview shows what is due today; confirming charges it and Team becomes the current plan. */
export const Upgrade: Story = {
  name: 'Upgrade (succeeded)',
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await choose(canvasElement, 'Team');
    const step = await canvas.findByRole('group', { name: 'Switch to Team now?' }, { timeout: 15_000 });
    await expect(canvas.getByText(/^Due today: \$/)).toBeVisible();
    await expect(canvas.getByText(/^Credit for unused time: \$/)).toBeVisible();
    await expect(canvas.getByText(/^Next invoice: \$99\.00 on/)).toBeVisible();
    await userEvent.click(within(step).getByRole('button', { name: m.confirm }));
    await expect(await canvas.findByText('You are now on Team.', {}, { timeout: 15_000 })).toBeVisible();
    await expect(within(await row(canvasElement, 'Team')).findByText(m.current)).resolves.toBeVisible();
  },
};

/** A downgrade is scheduled for the period end, shown with a way to keep the current plan. */
export const Downgrade: Story = {
  name: 'Downgrade (scheduled)',
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await choose(canvasElement, 'Starter');
    const step = await canvas.findByRole('group', { name: /^Switch to Starter on / }, { timeout: 15_000 });
    await expect(canvas.queryByText(/^Due today/)).toBeNull();
    await userEvent.click(within(step).getByRole('button', { name: m.confirm }));
    await expect(
      await canvas.findByText(/^You will move to Starter on /, {}, { timeout: 15_000 }),
    ).toBeVisible();
    await expect(await canvas.findByRole('button', { name: 'Keep Pro' }, { timeout: 15_000 })).toBeVisible();
  },
};

/** A scheduled downgrade, undone: the customer keeps Team. */
export const Undo: Story = {
  name: 'Scheduled change, undone',
  parameters: { tollbooth: { seed: scheduledDowngrade('team', 'starter') } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText(/^Moving to Starter on /, {}, { timeout: 15_000 })).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Keep Team' }));
    await expect(await canvas.findByText('You stay on Team.', {}, { timeout: 15_000 })).toBeVisible();
    await expect(canvas.queryByText(/^Moving to Starter/)).toBeNull();
  },
};

/** Chooses Team, confirms the upgrade now and answers the bank's 3-D Secure challenge. */
async function upgradeToTeamThrough3DS(canvasElement: HTMLElement, answer: 'Complete' | 'Fail') {
  const canvas = within(canvasElement);
  await choose(canvasElement, 'Team');
  const step = await canvas.findByRole('group', { name: 'Switch to Team now?' }, { timeout: 15_000 });
  await userEvent.click(within(step).getByRole('button', { name: m.confirm }));
  await answerChallenge(answer);
}

/** The bank asks for 3-D Secure on the upgrade's payment; completing it applies the change. */
export const ThreeDSecure: Story = {
  name: 'Upgrade with 3-D Secure',
  parameters: { tollbooth: { seed: onPlan('pro', 'pm_card_authenticationRequired') } },
  play: async ({ canvasElement }) => {
    await upgradeToTeamThrough3DS(canvasElement, 'Complete');
    await expect(
      await within(canvasElement).findByText('You are now on Team.', {}, { timeout: 15_000 }),
    ).toBeVisible();
  },
};

/** Failing the 3-D Secure check keeps the current plan and says why. */
export const ThreeDSecureFailed: Story = {
  name: 'Upgrade with 3-D Secure (failed)',
  parameters: { tollbooth: { seed: onPlan('pro', 'pm_card_authenticationRequired') } },
  play: async ({ canvasElement }) => {
    await upgradeToTeamThrough3DS(canvasElement, 'Fail');
    await expect(await within(canvasElement).findByRole('alert', {}, { timeout: 15_000 })).toBeVisible();
    await expectState(section(canvasElement), 'error');
  },
};

export const Phone: Story = {
  name: 'Phone width',
  parameters: { tollbooth: { seed: onPlan('pro'), width: '22rem' } },
  play: async ({ canvasElement }) => {
    await choose(canvasElement, 'Team');
    await expect(
      await within(canvasElement).findByRole('group', { name: 'Switch to Team now?' }, { timeout: 15_000 }),
    ).toBeVisible();
  },
};

export const NoSubscription: Story = {
  parameters: { tollbooth: { seed: noCards } },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText(m.none, {}, { timeout: 15_000 })).toBeVisible();
  },
};

export const Loading: Story = loading('subscriptions.list');
export const SignedOut: Story = { name: 'Signed out (401)', ...signedOut() };
export const Forbidden: Story = { name: 'Forbidden (403)', ...forbidden() };
export const NetworkError: Story = { name: 'Network error', ...networkError('subscriptions.list') };
