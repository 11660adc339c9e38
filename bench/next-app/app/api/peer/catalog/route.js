import { peer } from '../../../../server.mjs';

export const GET = (request) => peer.readCatalog(request);
