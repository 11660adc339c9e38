import { describe, expect, it } from 'vitest';
import { useSimulator } from './helpers';

/** Checkout's questions besides the card: email, shipping and billing addresses, and a returning customer's cards. */
describe('hosted Checkout collects addresses and offers saved cards', () => {
  const ctx = useSimulator();

  const post = (id: string, fields: Record<string, string>) =>
    fetch(`${ctx.url}/_simulator/checkout/${id}/pay`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields),
    });
  const card = { number: '4242 4242 4242 4242', exp: '12/34', cvc: '123' };

  it('asks for a shipping address in the allowed countries and carries it on the session', async () => {
    const s = await ctx.stripe.checkout.sessions.create({
      mode: 'payment',
      line_items: [{ price: 'price_basic', quantity: 1 }],
      success_url: 'https://shop.example.com/thanks',
      shipping_address_collection: { allowed_countries: ['US', 'GB'] },
      billing_address_collection: 'required',
    });
    expect(s.shipping_address_collection).toEqual({ allowed_countries: ['US', 'GB'] });
    expect(s.billing_address_collection).toBe('required');
    const html = await (await fetch(s.url!)).text();
    expect(html).toContain('<legend>Shipping address</legend>');
    expect(html).toContain('<option>GB</option>');
    expect(html).toContain('<legend>Billing address</legend>');
    expect(html).toMatch(/id="email" name="email" type="email" autocomplete="email" required/);

    // Nothing is charged while an answer is missing or ships where the shop does not.
    const missing = await post(s.id, { ...card, email: 'ada@example.com' });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('Enter your shipping address.');
    const address = { line1: '1 Main St', city: 'Springfield', postal_code: '12345' };
    const shipping = {
      shipping_name: 'Ada Lovelace',
      shipping_line1: address.line1,
      shipping_city: address.city,
      shipping_postal_code: address.postal_code,
    };
    const billing = { billing_line1: '2 High St', billing_city: 'London', billing_country: 'GB' };
    const abroad = await post(s.id, {
      ...card,
      email: 'ada@example.com',
      ...shipping,
      shipping_country: 'FR',
      ...billing,
    });
    expect(await abroad.text()).toContain('We cannot ship to FR.');
    const noEmail = await post(s.id, { ...card, ...shipping, shipping_country: 'US', ...billing });
    expect(await noEmail.text()).toContain('Enter your email.');
    expect((await ctx.stripe.paymentIntents.list()).data).toHaveLength(0);

    const paid = await post(s.id, {
      ...card,
      email: 'ada@example.com',
      ...shipping,
      shipping_country: 'US',
      ...billing,
    });
    expect(paid.status).toBe(303);
    const done = await ctx.stripe.checkout.sessions.retrieve(s.id);
    expect(done.collected_information?.shipping_details).toEqual({
      name: 'Ada Lovelace',
      address: { ...address, line2: null, state: null, country: 'US' },
    });
    expect(done.customer_details).toMatchObject({
      email: 'ada@example.com',
      name: 'Ada Lovelace',
      address: { line1: '2 High St', city: 'London', country: 'GB' },
    });
  });

  it('refuses shipping in setup mode and a country that is not a code, as Stripe does', async () => {
    const customer = await ctx.stripe.customers.create({});
    await expect(
      ctx.stripe.checkout.sessions.create({
        mode: 'setup',
        currency: 'usd',
        customer: customer.id,
        success_url: 'https://shop.example.com/thanks',
        shipping_address_collection: { allowed_countries: ['US'] },
      }),
    ).rejects.toMatchObject({ statusCode: 400 });
    await expect(
      ctx.stripe.checkout.sessions.create({
        mode: 'payment',
        line_items: [{ price: 'price_basic', quantity: 1 }],
        success_url: 'https://shop.example.com/thanks',
        // The SDK types the codes as a union with `string`: the simulator is what refuses it.
        shipping_address_collection: { allowed_countries: ['usa'] },
      }),
    ).rejects.toMatchObject({ statusCode: 400 });
  });

  it('offers a returning customer their saved card and pays with it, adding no second card', async () => {
    const customer = await ctx.stripe.customers.create({ email: 'bob@example.com' });
    const saved = await ctx.stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    const create = (filters?: Array<'always' | 'limited' | 'unspecified'>) =>
      ctx.stripe.checkout.sessions.create({
        mode: 'subscription',
        customer: customer.id,
        line_items: [{ price: 'price_pro', quantity: 1 }],
        success_url: 'https://shop.example.com/thanks',
        ...(filters ? { saved_payment_method_options: { allow_redisplay_filters: filters } } : {}),
      });
    // Stripe's default shows only cards saved with the customer's consent to show them again.
    const plain = await create();
    expect(plain.saved_payment_method_options?.allow_redisplay_filters).toEqual(['always']);
    expect(await (await fetch(plain.url!)).text()).not.toContain('Visa ending in 4242');

    const s = await create(['always', 'limited', 'unspecified']);
    const html = await (await fetch(s.url!)).text();
    expect(html).toContain(`value="${saved.id}" checked> Visa ending in 4242`);
    expect(html).toContain('Use a new card');
    const paid = await post(s.id, { payment_method: saved.id });
    expect(paid.status).toBe(303);
    const sub = await ctx.stripe.subscriptions.retrieve(
      (await ctx.stripe.checkout.sessions.retrieve(s.id)).subscription as string,
    );
    expect(sub.default_payment_method).toBe(saved.id);
    const cards = await ctx.stripe.customers.listPaymentMethods(customer.id);
    expect(cards.data.map((pm) => pm.id)).toEqual([saved.id]);

    // Another customer's card is not on offer, whatever the form says.
    const other = await ctx.stripe.customers.create({});
    const theirs = await ctx.stripe.paymentMethods.attach('pm_card_visa', { customer: other.id });
    const again = await create(['unspecified']);
    const refused = await post(again.id, { payment_method: theirs.id });
    expect(refused.status).toBe(400);
    expect((await ctx.stripe.checkout.sessions.retrieve(again.id)).status).toBe('open');
  });
});
