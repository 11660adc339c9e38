import { type SetupIntentCreateResponse, TollboothError } from '@tollbooth/core';
import { setupIntentCreateSchema } from '@tollbooth/core/schemas';
import { ensureCustomer } from '../_internal/customers';
import type { ActionContext } from '../_internal/runtime';
import { parse, requireUser } from '../_internal/validate';

/** `POST /setup-intents`: a SetupIntent to save a payment method on the caller's own customer. */
export async function createSetupIntentAction(ctx: ActionContext): Promise<SetupIntentCreateResponse> {
  const input = parse(setupIntentCreateSchema, ctx.body);
  const user = requireUser(ctx);
  const customer = await ctx.rt.customers.find(user);

  await ctx.authorize(input, { customer });

  const customerId = customer ?? (await ensureCustomer(ctx.rt, user));
  const intent = await ctx.rt.stripe.setupIntents.create(
    { customer: customerId, automatic_payment_methods: { enabled: true }, usage: 'off_session' },
    { idempotencyKey: await ctx.idempotencyKey('setup_intent') },
  );
  ctx.setResourceId(intent.id);
  if (!intent.client_secret) throw new TollboothError('upstream_error', 'Stripe returned no client secret.');
  return { id: intent.id, clientSecret: intent.client_secret };
}
