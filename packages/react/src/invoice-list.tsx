import type { InvoiceListResponse } from '@tollbooth/core';
import { type ReactNode, useId } from 'react';
import { describeError, format } from './_internal/errors';
import { useMessages, useResource } from './_internal/hooks';
import { formatDate, formatMoney } from './_internal/money';
import { Alert, cx, Status } from './_internal/ui';
import { type errorMessages, invoiceListMessages } from './messages';
import { getClient, useTollboothContext } from './provider';

export interface InvoiceListProps {
  className?: string;
  messages?: Partial<typeof invoiceListMessages & typeof errorMessages>;
}

/** The customer's invoices as a table, each linking to Stripe's hosted invoice page. */
export function InvoiceList(props: InvoiceListProps): ReactNode {
  const ctx = useTollboothContext('<InvoiceList>');
  const m = useMessages(ctx, 'invoiceList', invoiceListMessages, props.messages);
  const list = useResource<InvoiceListResponse>(ctx, 'invoices', () => getClient(ctx).listInvoices());
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
              <tr key={invoice.id}>
                <th scope="row">
                  {invoice.hostedInvoiceUrl ? (
                    <a href={invoice.hostedInvoiceUrl} target="_blank" rel="noopener noreferrer">
                      {invoice.number ?? invoice.id}
                      <span className="tb-visually-hidden">
                        {' '}
                        ({format(m.view, { number: invoice.number ?? invoice.id })})
                      </span>
                    </a>
                  ) : (
                    (invoice.number ?? invoice.id)
                  )}
                </th>
                <td>{formatDate(invoice.created, ctx.locale)}</td>
                <td>{formatMoney(invoice.amountPaid, invoice.currency, ctx.locale)}</td>
                <td>{invoice.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <Status>{state === 'loading' ? m.loading : null}</Status>
      <Alert problem={problem} retryLabel={m.retry} onRetry={list.refetch} />
    </section>
  );
}
