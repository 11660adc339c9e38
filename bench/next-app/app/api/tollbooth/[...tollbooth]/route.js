import { createRouteHandlers } from '@tollbooth/server/next';
import { tollbooth } from '../../../../server.mjs';

export const { GET, POST, DELETE } = createRouteHandlers(tollbooth);
