import { defineAction } from '../_internal/action';
import { upstreamError } from '../_internal/errors';
import { schemas } from '../_internal/schemas';
import { ensureOwnCustomer, loadOwnCustomer } from './own-customer';

/** `POST /setup-intents`: a SetupIntent to save a payment method on the caller's own customer. */
export const createSetupIntent = defineAction('setupIntent.create', {
  input: () => schemas().setupIntentCreateSchema,
  load: loadOwnCustomer,
  async run(ctx, _input, { customer }) {
    const customerId = customer ?? (await ensureOwnCustomer(ctx));
    const intent = await ctx.rt.stripe.setupIntents.create(
      { customer: customerId, automatic_payment_methods: { enabled: true }, usage: 'off_session' },
      { idempotencyKey: await ctx.idempotencyKey('setup_intent') },
    );
    ctx.setResourceId(intent.id);
    if (!intent.client_secret) throw upstreamError('Stripe returned no client secret.');
    return { id: intent.id, clientSecret: intent.client_secret };
  },
});
