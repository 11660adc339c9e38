/** Support staff may refund up to this much of one payment in total (in cents); admins have no cap. */
export const SUPPORT_REFUND_LIMIT = 5000;
