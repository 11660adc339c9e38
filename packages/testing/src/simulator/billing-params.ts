/**
 * The top-level parameters of the billing routes (search, test clocks, schedules, previews, coupons and
 * promotion codes), from stripe 23.1.0's `*Params` types like `ACCEPTS` in accepted-params.ts. Kept apart so the
 * billing rooms can grow without touching the core table.
 */

const list = (names: string): readonly string[] => names.split(' ').filter(Boolean);

const PAGE = 'ending_before limit starting_after';

export const BILLING_ACCEPTS = {
  /** Stripe.CustomerSearchParams */
  customerSearch: list('query limit page'),
  /** Stripe.TestHelpers.TestClockCreateParams */
  testClockCreate: list('frozen_time customer name'),
  /** Stripe.TestHelpers.TestClockRetrieveParams */
  testClockRetrieve: [],
  /** Stripe.TestHelpers.TestClockListParams */
  testClockList: list(PAGE),
  /** Stripe.TestHelpers.TestClockDeleteParams */
  testClockDelete: [],
  /** Stripe.TestHelpers.TestClockAdvanceParams */
  testClockAdvance: list('frozen_time'),
  /** Stripe.InvoiceCreatePreviewParams */
  invoiceCreatePreview: list(
    'automatic_tax currency customer customer_account customer_details discounts invoice_items issuer on_behalf_of preview_mode schedule schedule_details subscription subscription_details',
  ),
  /** Stripe.InvoicePayParams */
  invoicePay: list('forgive mandate off_session paid_out_of_band payment_method source'),
  /** Stripe.InvoiceListLineItemsParams */
  invoiceListLineItems: list(PAGE),
  /** Stripe.SubscriptionScheduleCreateParams */
  scheduleCreate: list(
    'billing_mode customer customer_account default_settings end_behavior from_subscription metadata pause_schedules phases start_date',
  ),
  /** Stripe.SubscriptionScheduleRetrieveParams */
  scheduleRetrieve: [],
  /** Stripe.SubscriptionScheduleUpdateParams */
  scheduleUpdate: list('default_settings end_behavior metadata pause_schedules phases proration_behavior'),
  /** Stripe.SubscriptionScheduleReleaseParams */
  scheduleRelease: list('preserve_cancel_date'),
  /** Stripe.SubscriptionScheduleCancelParams */
  scheduleCancel: list('invoice_now prorate'),
  /** Stripe.SubscriptionScheduleListParams */
  scheduleList: list(
    `canceled_at completed_at created customer customer_account released_at scheduled ${PAGE}`,
  ),
  /** Stripe.CouponCreateParams */
  couponCreate: list(
    'amount_off applies_to currency currency_options duration duration_in_months id max_redemptions metadata name percent_off redeem_by',
  ),
  /** Stripe.CouponRetrieveParams */
  couponRetrieve: [],
  /** Stripe.CouponListParams */
  couponList: list(`created ${PAGE}`),
  /** Stripe.CouponDeleteParams */
  couponDelete: [],
  /** Stripe.PromotionCodeCreateParams */
  promotionCodeCreate: list(
    'promotion active code customer customer_account expires_at max_redemptions metadata restrictions',
  ),
  /** Stripe.PromotionCodeRetrieveParams */
  promotionCodeRetrieve: [],
  /** Stripe.PromotionCodeUpdateParams */
  promotionCodeUpdate: list('active metadata restrictions'),
  /** Stripe.PromotionCodeListParams */
  promotionCodeList: list(`active code coupon created customer customer_account ${PAGE}`),
  /** Stripe.SubscriptionUpdateParams.Item (`items[n]` on an update) */
  subscriptionUpdateItem: list(
    'billing_thresholds clear_usage current_trial deleted discounts id metadata plan price price_data quantity tax_rates',
  ),
} as const;
