import type { InvoiceListResponse } from '@tollbooth/core';
import { type ReactNode, useId } from 'react';
import { describeError, format } from './_internal/errors';
import { useMessages } from './_internal/hooks';
import { formatDate, formatMoney } from './_internal/money';
import { statusLabel } from './_internal/status';
import { Alert, cx, Status } from './_internal/ui';
import { useInvoices } from './hooks';
import { type errorMessages, invoiceListMessages } from './messages';
import { useTollboothContext } from './provider';

export interface InvoiceListProps {
  /**
   * The invoices as `GET /invoices` answers them, loaded on the server (`await tollbooth.load('invoices.list',
   * await headers())`): the rows are in the first HTML and the browser does not ask for them on mount.
   * @default undefined (loaded in the browser)
   */
  initialData?: InvoiceListResponse;
  className?: string;
  messages?: Partial<typeof invoiceListMessages & typeof errorMessages>;
}

/** The customer's invoices as a table, each linking to Stripe's hosted invoice page. */
export function InvoiceList(props: InvoiceListProps): ReactNode {
  const ctx = useTollboothContext('<InvoiceList>');
  const m = useMessages(ctx, 'invoiceList', invoiceListMessages, props.messages);
  const list = useInvoices({ initialData: props.initialData });
  const problem = list.error ? describeError(list.error, m) : null;
  const state = problem ? 'error' : list.status === 'loading' ? 'loading' : 'idle';
  const invoices = list.data?.data ?? [];
  const headingId = useId();
  return (
    <section
      className={cx('tb tb-invoices', props.className)}
      data-state={state}
      aria-busy={state === 'loading'}
    >
      <h2 className="tb-heading" id={headingId}>
        {m.heading}
      </h2>
      {list.data && invoices.length === 0 ? <p className="tb-empty">{m.empty}</p> : null}
      {invoices.length > 0 ? (
        // Scrolls sideways on a narrow screen; focusable and named so keyboard users can scroll it too.
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable (axe).
        <section className="tb-table-scroll" aria-labelledby={headingId} tabIndex={0}>
          <table className="tb-table" aria-labelledby={headingId}>
            <thead>
              <tr>
                <th scope="col">{m.number}</th>
                <th scope="col">{m.date}</th>
                <th scope="col">{m.amount}</th>
                <th scope="col">{m.status}</th>
              </tr>
            </thead>
            <tbody>
              {invoices.map((invoice) => (
                <tr key={invoice.id} data-status={invoice.status ?? undefined}>
                  <th scope="row">
                    {invoice.number ?? invoice.id}
                    {invoice.hostedInvoiceUrl ? (
                      <>
                        {' '}
                        <a
                          href={invoice.hostedInvoiceUrl}
                          target="_blank"
                          rel="noopener noreferrer"
                          aria-label={format(m.view, { number: invoice.number ?? invoice.id })}
                        >
                          {m.viewLink}
                        </a>
                      </>
                    ) : null}
                  </th>
                  <td>{formatDate(invoice.created, ctx.locale)}</td>
                  <td>{formatMoney(invoice.amountPaid, invoice.currency, ctx.locale)}</td>
                  <td>{statusLabel(m, invoice.status)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      <Status>{state === 'loading' ? m.loading : null}</Status>
      <Alert problem={problem} retryLabel={m.retry} onRetry={list.refetch} />
    </section>
  );
}
