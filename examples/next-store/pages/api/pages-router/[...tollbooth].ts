import { createPagesHandler } from '@tollbooth/server/next';
import { pagesRouterTollbooth } from '@/server/tollbooth';

// Webhooks are verified on the raw bytes: Next's body parser must stay off for this route.
export const config = { api: { bodyParser: false } };

export default createPagesHandler(pagesRouterTollbooth);
