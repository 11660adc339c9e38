'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';

const LINKS = [
  { href: '/', label: 'Shop' },
  { href: '/pay', label: 'Cart' },
  { href: '/checkout', label: 'Express checkout' },
  { href: '/account', label: 'Account' },
  { href: '/members', label: 'Coffee club' },
] as const;

/** The main navigation; marks the current page (`aria-current`) so it reads and looks selected. */
export function MainNav({ staff }: { staff: boolean }): ReactNode {
  const pathname = usePathname();
  const links = staff ? [...LINKS, { href: '/staff', label: 'Staff' }] : LINKS;
  return (
    <nav aria-label="Main" className="main-nav">
      {links.map((link) => (
        <Link key={link.href} href={link.href} aria-current={pathname === link.href ? 'page' : undefined}>
          {link.label}
        </Link>
      ))}
    </nav>
  );
}
