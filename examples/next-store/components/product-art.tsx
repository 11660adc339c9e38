import type { ReactNode } from 'react';
import type { CatalogKey } from '@/server/catalog';

const INK = '#2c3a33';
const MARK = '#c8702a';

/** The brand's diamond, stamped on the goods. */
function Mark({ x, y, r = 6 }: { x: number; y: number; r?: number }): ReactNode {
  return <path d={`M${x} ${y - r}l${r} ${r}-${r} ${r}-${r}-${r}z`} fill={MARK} />;
}

/** One drawing per product, on a 4:3 tile. Plain shapes, so the shop needs no image files or network. */
const ART: Record<CatalogKey, { bg: string; body: ReactNode }> = {
  mug: {
    bg: '#dfe8e1',
    body: (
      <>
        <ellipse cx="78" cy="97" rx="36" ry="5" fill={INK} opacity=".12" />
        <path d="M100 52h4a13 13 0 0 1 0 26h-4" fill="none" stroke={INK} strokeWidth="6" />
        <path d="M52 42h48v44a8 8 0 0 1-8 8H60a8 8 0 0 1-8-8z" fill="#f7f4ec" stroke={INK} strokeWidth="3" />
        <rect x="50" y="38" width="52" height="7" rx="3.5" fill={INK} />
        <Mark x={76} y={66} />
      </>
    ),
  },
  tote: {
    bg: '#efe6d6',
    body: (
      <>
        <ellipse cx="80" cy="100" rx="38" ry="5" fill={INK} opacity=".12" />
        <path d="M64 48V36a16 16 0 0 1 32 0v12" fill="none" stroke="#8a6d45" strokeWidth="5" />
        <path
          d="M46 46h68l-6 52H52z"
          fill="#e0cfae"
          stroke="#8a6d45"
          strokeWidth="3"
          strokeLinejoin="round"
        />
        <path d="M50 56h60" stroke="#8a6d45" strokeWidth="1.5" strokeDasharray="3 3" />
        <Mark x={80} y={76} r={7} />
      </>
    ),
  },
  jacket: {
    bg: '#e2e6e3',
    body: (
      <>
        <ellipse cx="80" cy="106" rx="40" ry="4" fill={INK} opacity=".12" />
        <path
          d="M62 22l18 10 18-10 18 8 12 46-14 4-8-24v46H54V56l-8 24-14-4 12-46z"
          fill="#5b6447"
          stroke="#36402b"
          strokeWidth="3"
          strokeLinejoin="round"
        />
        <path d="M70 26l10 14 10-14" fill="none" stroke="#c9c2a8" strokeWidth="3" strokeLinejoin="round" />
        <path d="M80 40v62" stroke="#36402b" strokeWidth="2" />
        <rect x="60" y="72" width="14" height="12" rx="2" fill="none" stroke="#36402b" strokeWidth="2" />
        <rect x="86" y="72" width="14" height="12" rx="2" fill="none" stroke="#36402b" strokeWidth="2" />
      </>
    ),
  },
  club: {
    bg: '#efe2d3',
    body: (
      <>
        <ellipse cx="80" cy="104" rx="34" ry="4" fill={INK} opacity=".12" />
        <path d="M56 32h48l4 66a4 4 0 0 1-4 4H56a4 4 0 0 1-4-4z" fill="#6b4a32" />
        <rect x="54" y="24" width="52" height="10" rx="2" fill="#563a26" />
        <rect x="62" y="50" width="36" height="32" rx="3" fill="#f7f1e6" />
        <ellipse cx="80" cy="66" rx="7" ry="10" fill="#6b4a32" transform="rotate(20 80 66)" />
        <path d="M78 57c4 5 0 12 5 18" fill="none" stroke="#f7f1e6" strokeWidth="2" />
      </>
    ),
  },
  // Two bags, the back one darker: the club's second tier.
  clubPlus: {
    bg: '#e9dccb',
    body: (
      <>
        <ellipse cx="80" cy="104" rx="44" ry="4" fill={INK} opacity=".12" />
        <path d="M76 28h40l4 70a4 4 0 0 1-4 4H76a4 4 0 0 1-4-4z" fill="#4a3222" />
        <path d="M44 36h44l4 62a4 4 0 0 1-4 4H44a4 4 0 0 1-4-4z" fill="#6b4a32" />
        <rect x="42" y="28" width="48" height="10" rx="2" fill="#563a26" />
        <rect x="50" y="54" width="32" height="28" rx="3" fill="#f7f1e6" />
        <Mark x={66} y={68} />
      </>
    ),
  },
};

/** A product's picture: decorative (the name is always next to it), so hidden from assistive technology. */
export function ProductArt({ product, className }: { product: CatalogKey; className?: string }): ReactNode {
  const art = ART[product];
  return (
    <svg
      className={className ?? 'product-art'}
      viewBox="0 0 160 120"
      aria-hidden="true"
      focusable="false"
      data-product={product}
    >
      <rect width="160" height="120" fill={art.bg} />
      {art.body}
    </svg>
  );
}
