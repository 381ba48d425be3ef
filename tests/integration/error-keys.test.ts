import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StationApi } from '@common/api/contract';
import type { Role } from '@common/api/roles';
import { renderError, term } from '@common/errors';
import { startStationHost, type StationHost } from '../../main/host';
import { expectCatalogued } from '../support/catalogued';
import { makeTempDir, seededDataDir } from '../support/hall-fixture';
import { connectWsApi } from '../support/ws-client';

/**
 * An error raised inside a storage op (in the storage worker's thread) reaches the caller of the
 * station API with its catalog key and parameters, over the WebSocket wire: what a screen needs to
 * show it in its own language. Words quoted by the text (a business type, a ticket state) arrive in
 * both languages.
 */
const clock = { now: () => new Date('2026-11-23T02:00:00.000Z') }; // 10:00 in the hall

let host: StationHost;
const sockets: { close(): void }[] = [];
const connect = (role: Role, windowNo?: number): StationApi => {
  const api = connectWsApi(host.url!, role, windowNo);
  sockets.push(api);
  return api;
};

beforeAll(async () => {
  const renderer = makeTempDir('renderer-');
  fs.writeFileSync(`${renderer}/index.html`, '<!doctype html>');
  host = await startStationHost({
    dataDir: seededDataDir('station.db', makeTempDir('error-keys-')),
    http: { port: 0, rendererDir: renderer },
    clock,
  });
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await host.close();
});

describe('errors from the storage worker, through the station API', () => {
  it('a ticket past its daily cap: refused by the issuing op, with the cap and the type in both languages', async () => {
    const manager = connect('manager');
    expect(await manager.call('auth.login', { staffNo: '1001', pin: '123456' })).toMatchObject({ ok: true });
    expect(
      await manager.call('manager.configureType', {
        type: {
          code: 'INV',
          prefix: 'A',
          dailyCap: 1,
          hours: [{ from: '08:30', to: '17:00' }],
          waitingWarnAt: 30,
          targetWaitMin: 20,
        },
      }),
    ).toMatchObject({ ok: true });
    const kiosk = connect('kiosk');
    expect(await kiosk.call('queue.issueTicket', { businessType: 'INV' })).toMatchObject({ ok: true });

    const refused = await kiosk.call('queue.issueTicket', { businessType: 'INV' });
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'conflict',
        key: 'queue.dailyCapReached',
        params: { businessType: { 'zh-CN': '发票打印/电子发票', en: 'Invoices' }, cap: 1 },
        message: '「发票打印/电子发票」今日号已取完（上限 1）',
        field: 'businessType',
      },
    });
    if (refused.ok) return;
    expectCatalogued(refused.error);
    expect(renderError(refused.error.key!, refused.error.params, 'en')).toBe(
      'All of today’s tickets for Invoices have been issued (limit 1).',
    );
  });

  it('a ticket finished before it was served: refused by the ticket rules the mutation applies in the worker', async () => {
    const kiosk = connect('kiosk');
    const issued = await kiosk.call('queue.issueTicket', { businessType: 'PAY' });
    if (!issued.ok) throw new Error(issued.error.message);
    const { id, number } = issued.value.ticket;
    const counter = connect('counter', 2);
    expect(await counter.call('auth.login', { staffNo: '1002', pin: '123456' })).toMatchObject({ ok: true });
    const called = await counter.call('counter.callNext', {});
    expect(called).toMatchObject({ ok: true, value: { id, status: 'called' } });

    const refused = await counter.call('counter.finish', { ticketId: id });
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'conflict',
        key: 'queue.wrongState',
        params: { ticketNo: number, state: term('queue.state.called'), action: term('queue.action.finish') },
        message: renderError('queue.wrongState', {
          ticketNo: number,
          state: term('queue.state.called'),
          action: term('queue.action.finish'),
        }),
      },
    });
    if (!refused.ok) expectCatalogued(refused.error);
  });
});
