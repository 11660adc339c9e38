import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Page not found' };

export default function NotFound() {
  return (
    <>
      <section className="hero">
        <h1>Page not found</h1>
        <p>That page is not on our shelves. It may have moved, or the link may be mistyped.</p>
      </section>
      <p className="actions">
        <Link className="button" href="/">
          Back to the shop
        </Link>
      </p>
    </>
  );
}
