// The hand-written Route Handler, mounted beside Tollbooth's in the same app.
import { peer } from '../../../../server.mjs';

export const POST = (request) => peer.createPaymentIntent(request);
