import { describe, expect, it } from 'vitest';
import { backoffDelay, createWsClient, type SocketHandlers } from '../../../renderer/api/ws-client';

/** A scripted socket factory and a manual clock. */
function harness(options: { callTimeoutMs?: number; credential?: () => string | null; onUnpaired?: () => void } = {}) {
  const sockets: { url: string; handlers: SocketHandlers; sent: string[]; closed: boolean; protocols?: string[] }[] =
    [];
  const timers: { at: number; fn: () => void; id: number }[] = [];
  let now = 0;
  let nextTimer = 1;
  const client = createWsClient({
    url: 'ws://hall/api?role=counter&window=3',
    role: 'counter',
    windowNo: 3,
    random: () => 0.5,
    callTimeoutMs: options.callTimeoutMs ?? 1000,
    protocols: () => {
      const c = options.credential?.();
      return c ? ['hall-api', `hall-credential.${c}`] : [];
    },
    onUnpaired: options.onUnpaired,
    createSocket: (url, handlers, protocols) => {
      const s = { url, handlers, sent: [] as string[], closed: false, protocols };
      sockets.push(s);
      return { send: (d) => s.sent.push(d), close: () => (s.closed = true) };
    },
    setTimer: (fn, ms) => {
      const id = nextTimer++;
      timers.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimer: (id) => {
      const i = timers.findIndex((t) => t.id === id);
      if (i >= 0) timers.splice(i, 1);
    },
  });
  const advance = (ms: number) => {
    now += ms;
    for (;;) {
      timers.sort((a, b) => a.at - b.at);
      const due = timers[0];
      if (!due || due.at > now) break;
      timers.shift();
      due.fn();
    }
  };
  const last = () => sockets[sockets.length - 1]!;
  const reply = (id: number, result: unknown) => last().handlers.onMessage(JSON.stringify({ id, result }));
  return { client, sockets, last, reply, advance };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('backoffDelay', () => {
  it('doubles from the base, caps at the max, and spreads by the jitter', () => {
    const opts = { baseMs: 500, maxMs: 10_000, jitter: 0.2 };
    const mid = () => 0.5;
    expect([0, 1, 2, 3, 4, 5, 6].map((a) => backoffDelay(a, opts, mid))).toEqual([
      500, 1000, 2000, 4000, 8000, 10_000, 10_000,
    ]);
    expect(backoffDelay(0, opts, () => 0)).toBe(400);
    expect(backoffDelay(0, opts, () => 1)).toBe(600);
    expect(backoffDelay(1000, opts, mid)).toBe(10_000);
  });
});

describe('WebSocket station client', () => {
  it('sends {id, method, input} and resolves with the matching {id, result}', async () => {
    const h = harness();
    expect(h.client.state()).toBe('connecting');
    const p = h.client.call('queue.snapshot', {});
    expect(h.last().sent).toEqual([]); // waits for the socket to open
    h.last().handlers.onOpen();
    expect(h.client.state()).toBe('open');
    const req = JSON.parse(h.last().sent[0]!);
    expect(req).toEqual({ id: req.id, method: 'queue.snapshot', input: {} });
    const q = h.client.call('counter.recall', { ticketId: 't1' });
    const req2 = JSON.parse(h.last().sent[1]!);
    h.reply(req2.id, { ok: false, error: { code: 'conflict', message: 'too soon' } });
    h.reply(req.id, { ok: true, value: { day: 'd' } });
    expect(await p).toEqual({ ok: true, value: { day: 'd' } });
    expect(await q).toEqual({ ok: false, error: { code: 'conflict', message: 'too soon' } });
  });

  it('resolves calls in flight as unavailable when the socket drops, and reconnects with backoff', async () => {
    const h = harness();
    h.last().handlers.onOpen();
    const states: string[] = [];
    h.client.onState((s, i) => states.push(`${s}${i.reconnected ? '+' : ''}`));
    const p = h.client.call('counter.callNext', {});
    h.last().handlers.onClose(1006, '');
    const r = await p;
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('unavailable');
    expect(h.client.state()).toBe('offline');
    // While offline, calls fail at once instead of hanging.
    const offline = await h.client.call('queue.snapshot', {});
    expect(offline.ok).toBe(false);
    expect(h.sockets).toHaveLength(1);
    h.advance(499);
    expect(h.sockets).toHaveLength(1);
    h.advance(1);
    expect(h.sockets).toHaveLength(2);
    h.last().handlers.onClose(1006, ''); // second attempt fails: wait twice as long
    h.advance(999);
    expect(h.sockets).toHaveLength(2);
    h.advance(1);
    expect(h.sockets).toHaveLength(3);
    h.last().handlers.onOpen();
    expect(states).toEqual(['offline', 'connecting', 'offline', 'connecting', 'open+']);
    // A successful open resets the backoff.
    h.last().handlers.onClose(1006, '');
    h.advance(500);
    expect(h.sockets).toHaveLength(4);
  });

  it('dispatches pushed events to the listeners of that event only, until unsubscribed', () => {
    const h = harness();
    h.last().handlers.onOpen();
    const got: unknown[] = [];
    const off = h.client.on('ticket.called', (p) => got.push(p));
    h.client.on('queue.changed', () => got.push('wrong'));
    const call = {
      ticketId: 't1',
      ticketNo: 'A001',
      windowNo: 3,
      text: '请 A001 号到 3 号窗口办理',
      recall: false,
      at: 'x',
    };
    h.last().handlers.onMessage(JSON.stringify({ event: 'ticket.called', payload: call }));
    h.last().handlers.onMessage('not json');
    off();
    h.last().handlers.onMessage(JSON.stringify({ event: 'ticket.called', payload: call }));
    expect(got).toEqual([call]);
  });

  it('a listener that throws does not stop the others', () => {
    const h = harness();
    h.last().handlers.onOpen();
    const got: string[] = [];
    h.client.on('queue.changed', () => {
      throw new Error('boom');
    });
    h.client.on('queue.changed', (p) => got.push(p.day));
    h.last().handlers.onMessage(JSON.stringify({ event: 'queue.changed', payload: { day: '2025-01-01' } }));
    expect(got).toEqual(['2025-01-01']);
  });

  it('times out a call the host never answers', async () => {
    const h = harness({ callTimeoutMs: 1000 });
    h.last().handlers.onOpen();
    const p = h.client.call('queue.snapshot', {});
    h.advance(1000);
    const r = await p;
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('unavailable');
    // A late answer is ignored.
    h.reply(JSON.parse(h.last().sent[0]!).id, { ok: true, value: {} });
  });

  it('stops for good when the host refuses the role or window (close 4404)', async () => {
    const h = harness();
    const p = h.client.call('queue.snapshot', {});
    h.last().handlers.onClose(4404, '窗口 3 不存在');
    const r = await p;
    expect(r).toEqual({ ok: false, error: { code: 'not_found', message: '窗口 3 不存在' } });
    expect(h.client.state()).toBe('rejected');
    h.advance(60_000);
    expect(h.sockets).toHaveLength(1);
  });

  it('an unpaired screen (close 4401) waits for pairing, then connects with the credential it was given', async () => {
    let credential: string | null = 'revoked-token';
    let forgotten = 0;
    const h = harness({
      credential: () => credential,
      onUnpaired: () => {
        forgotten++;
        credential = null;
      },
    });
    expect(h.last().protocols).toEqual(['hall-api', 'hall-credential.revoked-token']);
    const p = h.client.call('queue.snapshot', {});
    h.last().handlers.onClose(4401, 'credential unknown or revoked');
    expect(await p).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(h.client.state()).toBe('unpaired');
    expect(forgotten).toBe(1);
    h.advance(60_000);
    expect(h.sockets).toHaveLength(1);
    credential = 'fresh-token';
    h.client.reconnectNow();
    expect(h.sockets).toHaveLength(2);
    expect(h.last().protocols).toEqual(['hall-api', 'hall-credential.fresh-token']);
    h.last().handlers.onOpen();
    await tick();
    expect(h.client.state()).toBe('open');
  });

  it('close() fails what is pending, closes the socket and never reconnects', async () => {
    const h = harness();
    h.last().handlers.onOpen();
    const p = h.client.call('queue.snapshot', {});
    h.client.close();
    expect((await p).ok).toBe(false);
    expect(h.last().closed).toBe(true);
    h.last().handlers.onClose(1000, '');
    h.advance(60_000);
    expect(h.sockets).toHaveLength(1);
    expect(h.client.state()).toBe('closed');
    await tick();
  });
});
