import { describe, expect, it } from 'vitest';
import { call } from './helpers';
import { simSetup } from './sim';

const SECRETS = [/sk_(test|live)_/, /rk_(test|live)_/, /whsec_/, /\bat [^\n]+:\d+:\d+/];

describe('no secrets in logs, audit entries or error bodies', () => {
  it('across a mixed session of successes and failures', async () => {
    const t = simSetup();
    const bodies: string[] = [];
    const send = async (request: Request) => bodies.push(await (await t.tollbooth.handle(request)).text());
    const items = [{ price: 'basic', quantity: 1 }];
    await send(call('/payment-intents', { user: 'alice', body: { items } }));
    await send(call('/checkout', { user: 'alice', body: { items, uiMode: 'embedded' } }));
    await send(call('/setup-intents', { user: 'alice', body: {} }));
    await send(call('/payment-methods/pm_nope', { method: 'DELETE', user: 'bob' }));
    await send(call('/checkout', { user: 'bob', body: { items, amount: 1 } }));
    await send(call('/refunds', { user: 'bob', body: { paymentIntent: 'pi_nope' } }));
    await send(call('/nope'));

    const logs = t.logger.lines.join('\n');
    const audit = JSON.stringify(t.audit);
    for (const pattern of SECRETS) {
      expect(logs).not.toMatch(pattern);
      expect(audit).not.toMatch(pattern);
      for (const body of bodies) expect(body).not.toMatch(pattern);
    }
    // Client secrets go only to their owner's response, never into logs or audit entries.
    expect(logs).not.toContain('_secret_');
    expect(audit).not.toContain('_secret_');
    expect(bodies.filter((b) => b.includes('_secret_'))).toHaveLength(3);
  });
});
