/** Support staff may refund up to this much per refund (in cents); admins have no cap. */
export const SUPPORT_REFUND_LIMIT = 5000;
