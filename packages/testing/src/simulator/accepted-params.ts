/**
 * The top-level parameters each route accepts, copied from stripe 23.1.0's `*Params` types (API
 * `2026-10-28.endive`): every documented param of an operation is accepted even where the simulator ignores
 * it, so only a misspelt or invented name is refused. `expand` is always accepted (see `allowOnly`).
 */

const list = (names: string): readonly string[] => names.split(' ').filter(Boolean);

const PAGE = 'ending_before limit starting_after';

export const ACCEPTS = {
  /** Stripe.ProductCreateParams */
  productCreate: list(
    'name active default_price_data description id images marketing_features metadata package_dimensions shippable statement_descriptor tax_code tax_details type unit_label url',
  ),
  /** Stripe.ProductRetrieveParams */
  productRetrieve: [],
  /** Stripe.ProductUpdateParams */
  productUpdate: list(
    'active default_price description images marketing_features metadata name package_dimensions shippable statement_descriptor tax_code tax_details unit_label url',
  ),
  /** Stripe.ProductListParams */
  productList: list(`active created ids shippable type url ${PAGE}`),
  /** Stripe.PriceCreateParams */
  priceCreate: list(
    'currency active billing_scheme currency_options custom_unit_amount lookup_key metadata nickname product product_data recurring tax_behavior tiers tiers_mode transfer_lookup_key transform_quantity unit_amount unit_amount_decimal',
  ),
  /** Stripe.PriceRetrieveParams */
  priceRetrieve: [],
  /** Stripe.PriceUpdateParams */
  priceUpdate: list('active currency_options lookup_key metadata nickname tax_behavior transfer_lookup_key'),
  /** Stripe.PriceListParams */
  priceList: list(`active created currency lookup_keys product recurring type ${PAGE}`),
  /** Stripe.CustomerCreateParams */
  customerCreate: list(
    'address balance business_name cash_balance description email individual_name invoice_prefix invoice_settings metadata name next_invoice_sequence payment_method phone preferred_locales shipping source tax tax_exempt tax_id_data test_clock validate',
  ),
  /** Stripe.CustomerRetrieveParams */
  customerRetrieve: [],
  /** Stripe.CustomerUpdateParams */
  customerUpdate: list(
    'address balance business_name cash_balance default_source description email individual_name invoice_prefix invoice_settings metadata name next_invoice_sequence phone preferred_locales shipping source tax tax_exempt validate',
  ),
  /** DELETE /v1/customers/:id takes no params (stripe has no CustomerDeleteParams). */
  customerDelete: [],
  /** Stripe.CustomerListParams */
  customerList: list(`created email test_clock ${PAGE}`),
  /** Stripe.CustomerListPaymentMethodsParams */
  customerListPaymentMethods: list(`allow_redisplay type ${PAGE}`),
  /** Stripe.CustomerRetrievePaymentMethodParams */
  customerRetrievePaymentMethod: [],
  /** Stripe.PaymentMethodCreateParams */
  paymentMethodCreate: list(
    'acss_debit affirm afterpay_clearpay alipay allow_redisplay alma amazon_pay au_becs_debit bacs_debit bancontact billie billing_details bizum blik boleto card cashapp crypto custom customer customer_balance eps fpx giropay grabpay ideal interac_present kakao_pay klarna konbini kr_card link mb_way metadata mobilepay multibanco naver_pay nz_bank_account oxxo p24 pay_by_bank payco payment_method paynow paypal paypay payto pix promptpay radar_options revolut_pay samsung_pay satispay scalapay sepa_debit sequra sofort sunbit swish twint type upi us_bank_account wechat_pay zip',
  ),
  /** Stripe.PaymentMethodRetrieveParams */
  paymentMethodRetrieve: [],
  /** Stripe.PaymentMethodUpdateParams */
  paymentMethodUpdate: list('allow_redisplay billing_details card metadata us_bank_account'),
  /** Stripe.PaymentMethodAttachParams */
  paymentMethodAttach: list('customer customer_account'),
  /** Stripe.PaymentMethodDetachParams */
  paymentMethodDetach: [],
  /** Stripe.PaymentMethodListParams */
  paymentMethodList: list(`allow_redisplay customer customer_account type ${PAGE}`),
  /** Stripe.PaymentIntentCreateParams */
  paymentIntentCreate: list(
    'amount currency allowed_payment_method_types amount_details application_fee_amount automatic_payment_methods capture_method confirm confirmation_method confirmation_token customer customer_account description error_on_requires_action excluded_payment_method_types hooks mandate mandate_data metadata off_session on_behalf_of payment_details payment_method payment_method_configuration payment_method_data payment_method_options radar_options receipt_email return_url setup_future_usage shipping statement_descriptor statement_descriptor_suffix transfer_data transfer_group use_stripe_sdk',
  ),
  /** Stripe.PaymentIntentRetrieveParams */
  paymentIntentRetrieve: list('client_secret'),
  /** Stripe.PaymentIntentUpdateParams */
  paymentIntentUpdate: list(
    'allowed_payment_method_types amount amount_details application_fee_amount capture_method currency customer customer_account description excluded_payment_method_types hooks metadata payment_details payment_method payment_method_configuration payment_method_data payment_method_options receipt_email setup_future_usage shipping statement_descriptor statement_descriptor_suffix transfer_data transfer_group',
  ),
  /** Stripe.PaymentIntentConfirmParams + `client_secret`, which Stripe.js sends with a publishable key */
  paymentIntentConfirm: list(
    'allowed_payment_method_types amount_details amount_to_confirm capture_method confirmation_token error_on_requires_action excluded_payment_method_types hooks mandate mandate_data off_session payment_details payment_method payment_method_data payment_method_options radar_options receipt_email return_url setup_future_usage shipping use_stripe_sdk client_secret',
  ),
  /** Stripe.PaymentIntentCaptureParams */
  paymentIntentCapture: list(
    'amount_details amount_to_capture application_fee_amount final_capture hooks metadata payment_details statement_descriptor statement_descriptor_suffix transfer_data',
  ),
  /** Stripe.PaymentIntentCancelParams */
  paymentIntentCancel: list('cancellation_reason'),
  /** Stripe.PaymentIntentListParams */
  paymentIntentList: list(`created customer customer_account ${PAGE}`),
  /** Stripe.SetupIntentCreateParams */
  setupIntentCreate: list(
    'allowed_payment_method_types attach_to_self automatic_payment_methods confirm confirmation_token customer customer_account description excluded_payment_method_types flow_directions mandate_data metadata on_behalf_of payment_method payment_method_configuration payment_method_data payment_method_options return_url single_use usage use_stripe_sdk',
  ),
  /** Stripe.SetupIntentRetrieveParams */
  setupIntentRetrieve: list('client_secret'),
  /** Stripe.SetupIntentConfirmParams + `client_secret`, which Stripe.js sends with a publishable key */
  setupIntentConfirm: list(
    'allowed_payment_method_types confirmation_token mandate_data payment_method payment_method_data payment_method_options return_url use_stripe_sdk client_secret',
  ),
  /** Stripe.SetupIntentCancelParams */
  setupIntentCancel: list('cancellation_reason'),
  /** Stripe.SetupIntentListParams */
  setupIntentList: list(`attach_to_self created customer customer_account payment_method ${PAGE}`),
  /** Stripe.ChargeRetrieveParams */
  chargeRetrieve: [],
  /** Stripe.ChargeListParams */
  chargeList: list(`created customer payment_intent transfer_group ${PAGE}`),
  /** Stripe.RefundCreateParams */
  refundCreate: list(
    'amount charge currency customer instructions_email metadata origin payment_intent reason refund_application_fee reverse_transfer',
  ),
  /** Stripe.RefundRetrieveParams */
  refundRetrieve: [],
  /** Stripe.RefundListParams */
  refundList: list(`charge created payment_intent ${PAGE}`),
  /** Stripe.Checkout.SessionCreateParams */
  checkoutSessionCreate: list(
    'adaptive_pricing after_expiration allow_promotion_codes allowed_payment_method_types automatic_tax billing_address_collection branding_settings cancel_url client_reference_id consent_collection currency custom_fields custom_text customer customer_account customer_creation customer_email customer_update discounts excluded_payment_method_types expires_at integration_identifier invoice_creation line_items locale managed_payments metadata mode name_collection optional_items origin_context payment_intent_data payment_method_collection payment_method_configuration payment_method_data payment_method_options permissions phone_number_collection redirect_on_completion return_url saved_payment_method_options setup_intent_data shipping_address_collection shipping_options submit_type subscription_data success_url tax_id_collection ui_mode wallet_options',
  ),
  /** Stripe.Checkout.SessionRetrieveParams */
  checkoutSessionRetrieve: [],
  /** Stripe.Checkout.SessionListLineItemsParams */
  checkoutSessionListLineItems: list(` ${PAGE}`),
  /** Stripe.Checkout.SessionExpireParams */
  checkoutSessionExpire: [],
  /** Stripe.Checkout.SessionListParams */
  checkoutSessionList: list(
    `created customer customer_account customer_details payment_intent payment_link status subscription ${PAGE}`,
  ),
  /** Stripe.BillingPortal.SessionCreateParams */
  portalSessionCreate: list(
    'after_expiration configuration customer customer_account flow_data locale on_behalf_of return_url',
  ),
  /** Stripe.SubscriptionCreateParams */
  subscriptionCreate: list(
    'add_invoice_items application_fee_percent automatic_tax backdate_start_date billing_cycle_anchor billing_cycle_anchor_config billing_mode billing_schedules billing_thresholds cancel_at cancel_at_period_end collection_method currency customer customer_account days_until_due default_payment_method default_source default_tax_rates description discounts invoice_settings items metadata off_session on_behalf_of payment_behavior payment_settings pending_invoice_item_interval proration_behavior transfer_data trial_end trial_from_plan trial_period_days trial_settings',
  ),
  /** Stripe.SubscriptionRetrieveParams */
  subscriptionRetrieve: [],
  /** Stripe.SubscriptionUpdateParams */
  subscriptionUpdate: list(
    'add_invoice_items application_fee_percent automatic_tax billing_cycle_anchor billing_schedules billing_thresholds cancel_at cancel_at_period_end cancellation_details collection_method days_until_due default_payment_method default_source default_tax_rates description discounts invoice_settings items metadata off_session on_behalf_of pause_collection payment_behavior payment_settings pending_invoice_item_interval proration_behavior proration_date transfer_data trial_end trial_from_plan trial_settings',
  ),
  /** Stripe.SubscriptionCancelParams */
  subscriptionCancel: list('cancellation_details invoice_now prorate'),
  /** Stripe.SubscriptionListParams */
  subscriptionList: list(
    `automatic_tax collection_method created current_period_end current_period_start customer customer_account plan price status test_clock ${PAGE}`,
  ),
  /** Stripe.InvoiceRetrieveParams */
  invoiceRetrieve: [],
  /** Stripe.InvoiceListParams */
  invoiceList: list(
    `collection_method created customer customer_account due_date status subscription ${PAGE}`,
  ),
  /** Stripe.InvoicePaymentListParams */
  invoicePaymentList: list(`created invoice payment status ${PAGE}`),
  /** Stripe.EventRetrieveParams */
  eventRetrieve: [],
  /** Stripe.EventListParams */
  eventList: list(`created delivery_success type types ${PAGE}`),
  /** Stripe.CustomerCreateParams.InvoiceSettings (the same keys on update) */
  customerInvoiceSettings: list('custom_fields default_payment_method footer rendering_options'),
} as const;
