import type { ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { expect } from 'vitest';
import { TollboothProvider, type TollboothProviderProps } from '../../src/index';

// Any request made while rendering on the server is a bug: this fetch fails the test if it is called.
const calls: string[] = [];
export const fetchSpy = (async (input: RequestInfo | URL) => {
  calls.push(String(input));
  throw new Error('no fetch during server render');
}) as typeof fetch;

/** `renderToString` under a provider whose fetch must stay unused; fails the test if anything was requested. */
export function renderOnServer(node: ReactNode, provider: Partial<TollboothProviderProps> = {}): string {
  calls.length = 0;
  const html = renderToString(
    <TollboothProvider fetch={fetchSpy} {...provider}>
      {node}
    </TollboothProvider>,
  );
  expect(calls).toEqual([]);
  return html;
}
