import { Pricing } from '../../../components/pricing.jsx';
import { serverCatalog } from '../../../server.mjs';

export const dynamic = 'force-dynamic';

// Server-rendered: the catalog is read on the server and handed to the table through the prop the bench
// found in PricingTableProps (BENCH_PRICING_PROP, named at `next start`); the bench skips this page without one.
export default async function Page() {
  const prop = process.env.BENCH_PRICING_PROP;
  const catalog = await serverCatalog();
  const value = process.env.BENCH_PRICING_SHAPE === 'prices' ? catalog.prices : catalog;
  return <Pricing tableProps={prop ? { [prop]: value } : {}} />;
}
