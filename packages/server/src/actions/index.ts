import type { ActionName } from '@tollbooth/core';
import type { ActionDefinition } from '../_internal/action';
import { cancelSubscription } from './cancel-subscription';
import { changeSubscription } from './change-subscription';
import { createCheckout } from './create-checkout';
import { createPaymentIntent } from './create-payment-intent';
import { createPortalSession } from './create-portal-session';
import { createRefund } from './create-refund';
import { createSetupIntent } from './create-setup-intent';
import { detachPaymentMethod } from './detach-payment-method';
import { listInvoices } from './list-invoices';
import { listPaymentMethods } from './list-payment-methods';
import { listSubscriptions } from './list-subscriptions';
import { previewSubscriptionChange } from './preview-subscription-change';
import { readBilling } from './read-billing';
import { readCatalog } from './read-catalog';
import { readCheckout } from './read-checkout';
import { resumeSubscription } from './resume-subscription';
import { setDefaultPaymentMethod } from './set-default-payment-method';

/**
 * The one registry: each action name → its definition. Keyed by every `ActionName`, so an action added to
 * core's spec without a definition here (or with another action's definition) fails to compile.
 */
export const ACTION_DEFINITIONS = {
  'catalog.read': readCatalog,
  'checkout.create': createCheckout,
  'checkout.read': readCheckout,
  'paymentIntent.create': createPaymentIntent,
  'setupIntent.create': createSetupIntent,
  'paymentMethods.list': listPaymentMethods,
  'paymentMethods.detach': detachPaymentMethod,
  'paymentMethods.setDefault': setDefaultPaymentMethod,
  'portal.create': createPortalSession,
  'subscriptions.list': listSubscriptions,
  'subscriptions.cancel': cancelSubscription,
  'subscriptions.resume': resumeSubscription,
  'subscriptions.previewChange': previewSubscriptionChange,
  'subscriptions.change': changeSubscription,
  'invoices.list': listInvoices,
  'refunds.create': createRefund,
  'billing.read': readBilling,
} as const satisfies { [A in ActionName]: ActionDefinition<A> };
