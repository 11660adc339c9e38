import axe from 'axe-core';
import { expect } from 'vitest';
import { page } from 'vitest/browser';

/** Types a test card into the stand-in's Payment Element (real, labelled inputs). */
export async function fillCard(number: string): Promise<void> {
  await page.getByLabelText('Card number').fill(number);
  await page.getByLabelText('Expiration date (MM / YY)').fill('12 / 34');
  await page.getByLabelText('Security code (CVC)').fill('123');
  const postal = page.getByLabelText('Postal code');
  if (postal.elements().length > 0) await postal.fill('12345');
}

/** axe-core on the component's DOM: no violations, reported by rule id and offending markup. */
export async function expectNoAxeViolations(element: Element): Promise<void> {
  const results = await axe.run(element, { resultTypes: ['violations'] });
  const found = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`);
  expect(found).toEqual([]);
}
