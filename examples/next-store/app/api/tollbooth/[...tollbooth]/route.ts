import { createRouteHandlers } from '@tollbooth/server/next';
import { tollbooth } from '@/server/tollbooth';

export const { GET, POST, DELETE } = createRouteHandlers(tollbooth);
