import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import '@tollbooth/react/styles.css';
import './globals.css';
import { SiteHeader } from '@/components/site-header';
import { StoreProviders } from '@/components/store-providers';
import { currentUser } from '@/server/current-user';
import { getStripeSetup } from '@/server/stripe';

export const metadata: Metadata = {
  title: { default: 'Tollbooth Supply Co.', template: '%s · Tollbooth Supply Co.' },
  description: 'A small demo store paying through Tollbooth and Stripe.',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [user, setup] = await Promise.all([currentUser(), getStripeSetup()]);
  return (
    <html lang="en" data-theme="light">
      <body>
        {/* Only `browser` crosses to the client: a publishable key and the simulator's URL, never a secret. */}
        <StoreProviders stripe={setup.browser}>
          <a className="skip-link" href="#main">
            Skip to content
          </a>
          <SiteHeader user={user} offline={setup.browser.kind === 'simulator'} />
          <main id="main" className="page">
            {children}
          </main>
          <footer className="site-footer">
            <div className="site-footer__inner">
              <span>© Tollbooth Supply Co.</span>
              <span>A demo of Tollbooth: React components and authorized route handlers for Stripe.</span>
            </div>
          </footer>
        </StoreProviders>
      </body>
    </html>
  );
}
