import { Pricing } from '../../../components/pricing.jsx';

// Client-fetched: the page ships the table in its loading state, the browser asks GET /catalog.
export default function Page() {
  return <Pricing />;
}
