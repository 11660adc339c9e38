import { describe, expect, it } from 'vitest';
import { useSimulator } from './helpers';

/** The hosted pages a buyer sees: branded, amounts as Stripe formats them, and nothing typed lost on an error. */
describe('hosted pages look and behave like Stripe’s', () => {
  const ctx = useSimulator({ branding: { name: 'Supply Co.', primaryColor: '#1f4d3a' } });

  const session = (extra: { locale?: 'de' } = {}) =>
    ctx.stripe.checkout.sessions.create({
      mode: 'payment',
      line_items: [{ price: 'price_basic', quantity: 2 }],
      ui_mode: 'hosted_page',
      success_url: 'https://shop.example.com/thanks',
      cancel_url: 'https://shop.example.com/cart',
      ...extra,
    });

  it('shows the account’s name and colour, and amounts formatted for the locale', async () => {
    const html = await (await fetch((await session()).url!)).text();
    expect(html).toContain('<strong>Supply Co.</strong>');
    expect(html).toContain('--brand:#1f4d3a');
    expect(html).toContain('$30.00');
    expect(html).not.toMatch(/\d USD/);
    const german = await (await fetch((await session({ locale: 'de' })).url!)).text();
    expect(german).toContain('<html lang="de">');
    expect(german).toMatch(/30,00\s€|30,00\s\$/);
  });

  it('keeps the typed email and card after a decline, instead of putting 4242 back', async () => {
    const s = await session();
    const page = await fetch(new URL(`/_simulator/checkout/${s.id}/pay`, s.url!), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        email: 'buyer@example.com',
        number: '4000 0000 0000 0002',
        exp: '11/33',
        cvc: '321',
        postal_code: '10115',
      }),
    });
    expect(page.status).toBe(402);
    const html = await page.text();
    expect(html).toContain('role="alert"');
    expect(html).toContain('value="buyer@example.com"');
    expect(html).toContain('value="4000 0000 0000 0002"');
    expect(html).toContain('value="11/33"');
    expect(html).not.toContain('4242 4242 4242 4242');
  });

  it('names subscriptions in the portal by product and price, not by price id', async () => {
    const customer = await ctx.stripe.customers.create({});
    const pm = await ctx.stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    await ctx.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: 'price_pro' }],
      default_payment_method: pm.id,
    });
    const portal = await ctx.stripe.billingPortal.sessions.create({
      customer: customer.id,
      return_url: 'https://shop.example.com/account',
    });
    const html = await (await fetch(portal.url)).text();
    expect(html).toContain('<strong>Pro</strong>');
    expect(html).toMatch(/\$\d+\.\d\d \/ month/);
    expect(html).not.toContain('price_pro');
    expect(html).toContain('<strong>Supply Co.</strong>');
  });
});
