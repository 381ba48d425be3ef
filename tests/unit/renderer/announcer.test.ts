import { describe, expect, it } from 'vitest';
import { type SpeakResult, createAnnouncer } from '../../../renderer/areas/display/announcer';

/** A speak function the test finishes by hand, recording when each utterance starts and ends. */
function manualSpeaker() {
  const events: string[] = [];
  const pending: { text: string; finish: (r: SpeakResult) => void }[] = [];
  const speak = (text: string) =>
    new Promise<SpeakResult>((resolve) => {
      events.push(`start ${text}`);
      pending.push({
        text,
        finish: (r) => {
          events.push(`end ${text}`);
          resolve(r);
        },
      });
    });
  return { events, pending, speak };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('announcer', () => {
  it('plays announcements strictly one after another', async () => {
    const s = manualSpeaker();
    const logged: unknown[] = [];
    const a = createAnnouncer({ speak: s.speak, log: (e) => logged.push(e) });
    a.enqueue({ ticketId: 't1', text: '请 A001 号到 1 号窗口办理' });
    a.enqueue({ ticketId: 't2', text: '请 A002 号到 2 号窗口办理' });
    await flush();
    // Only the first is speaking; the second waits however long the first takes.
    expect(s.events).toEqual(['start 请 A001 号到 1 号窗口办理']);
    expect(a.pending()).toBe(1);
    await flush();
    await flush();
    expect(s.events).toHaveLength(1);
    s.pending[0]!.finish({ spoken: true });
    await flush();
    await flush();
    expect(s.events).toEqual([
      'start 请 A001 号到 1 号窗口办理',
      'end 请 A001 号到 1 号窗口办理',
      'start 请 A002 号到 2 号窗口办理',
    ]);
    s.pending[1]!.finish({ spoken: true });
    await a.idle();
    expect(logged).toEqual([
      { ticketId: 't1', text: '请 A001 号到 1 号窗口办理', spoken: true },
      { ticketId: 't2', text: '请 A002 号到 2 号窗口办理', spoken: true },
    ]);
  });

  it('never overlaps under a burst of calls, and keeps their order', async () => {
    let active = 0;
    let maxActive = 0;
    const order: string[] = [];
    const a = createAnnouncer({
      chime: async () => {
        active++;
        maxActive = Math.max(maxActive, active);
        await new Promise((r) => setTimeout(r, 1));
        active--;
      },
      speak: async (text) => {
        active++;
        maxActive = Math.max(maxActive, active);
        order.push(text);
        await new Promise((r) => setTimeout(r, Math.random() * 3));
        active--;
        return { spoken: true };
      },
      log: () => undefined,
    });
    const texts = Array.from(
      { length: 20 },
      (_, i) => `请 A${String(i + 1).padStart(3, '0')} 号到 ${(i % 5) + 1} 号窗口办理`,
    );
    for (const [i, text] of texts.entries()) a.enqueue({ ticketId: `t${i}`, text });
    await a.idle();
    expect(maxActive).toBe(1);
    expect(order).toEqual(texts);
  });

  it('logs an announcement as unspoken when there is no speech, without waiting', async () => {
    const logged: { spoken: boolean; error?: string }[] = [];
    const records: { spoken: boolean }[] = [];
    const a = createAnnouncer({
      speak: async () => ({ spoken: false, error: 'speechSynthesis unavailable' }),
      log: (e) => logged.push(e),
      onRecord: (r) => records.push(r),
    });
    a.enqueue({ ticketId: 't1', text: '请 A001 号到 3 号窗口办理' });
    await a.idle();
    expect(logged).toEqual([
      { ticketId: 't1', text: '请 A001 号到 3 号窗口办理', spoken: false, error: 'speechSynthesis unavailable' },
    ]);
    expect(records).toHaveLength(1);
    expect(records[0]!.spoken).toBe(false);
  });

  it('treats a throwing speak or chime as unspoken and carries on', async () => {
    const logged: { ticketId: string; spoken: boolean; error?: string }[] = [];
    let n = 0;
    const a = createAnnouncer({
      chime: async () => {
        throw new Error('no audio device');
      },
      speak: async () => {
        n++;
        if (n === 1) throw new Error('synthesis-failed');
        return { spoken: true };
      },
      log: (e) => logged.push(e),
    });
    a.enqueue({ ticketId: 't1', text: 'one' });
    a.enqueue({ ticketId: 't2', text: 'two' });
    await a.idle();
    expect(logged).toEqual([
      { ticketId: 't1', text: 'one', spoken: false, error: 'synthesis-failed' },
      { ticketId: 't2', text: 'two', spoken: true },
    ]);
  });

  it('does not stall when logging fails or never answers', async () => {
    const spoken: string[] = [];
    const a = createAnnouncer({
      speak: async (text) => {
        spoken.push(text);
        return { spoken: true };
      },
      log: (e) => (e.ticketId === 't1' ? Promise.reject(new Error('host down')) : new Promise(() => undefined)),
    });
    a.enqueue({ ticketId: 't1', text: 'one' });
    a.enqueue({ ticketId: 't2', text: 'two' });
    a.enqueue({ ticketId: 't3', text: 'three' });
    await a.idle();
    expect(spoken).toEqual(['one', 'two', 'three']);
  });

  it('ignores a duplicate delivery of the same call event but announces a recall', async () => {
    const spoken: string[] = [];
    const a = createAnnouncer({
      speak: async (text) => {
        spoken.push(text);
        return { spoken: true };
      },
      log: () => undefined,
    });
    expect(a.enqueue({ ticketId: 't1', text: '请 A001 号到 1 号窗口办理', key: 't1@10:00' })).toBe(true);
    expect(a.enqueue({ ticketId: 't1', text: '请 A001 号到 1 号窗口办理', key: 't1@10:00' })).toBe(false);
    expect(a.enqueue({ ticketId: 't1', text: '重呼，请 A001 号到 1 号窗口办理', key: 't1@10:01' })).toBe(true);
    expect(a.enqueue({ ticketId: 't9', text: '   ' })).toBe(false);
    await a.idle();
    expect(spoken).toEqual(['请 A001 号到 1 号窗口办理', '重呼，请 A001 号到 1 号窗口办理']);
  });

  it('keeps logged text and errors within the contract limits', async () => {
    const logged: { text: string; error?: string }[] = [];
    const a = createAnnouncer({
      speak: async () => ({ spoken: false, error: 'e'.repeat(900) }),
      log: (e) => logged.push(e),
    });
    a.enqueue({ ticketId: 't1', text: 'x'.repeat(300) });
    await a.idle();
    expect(logged[0]!.text).toHaveLength(200);
    expect(logged[0]!.error).toHaveLength(500);
  });
});

/** A fake speech engine driven by the test: each utterance ends only when the test says so. */
function engine() {
  const log: string[] = [];
  let active = 0;
  let overlap = false;
  const waiting: (() => void)[] = [];
  const started: ((text: string) => void)[] = [];
  const speak = (text: string) =>
    new Promise<SpeakResult>((resolve) => {
      active++;
      if (active > 1) overlap = true;
      log.push(text);
      waiting.push(() => {
        active--;
        resolve({ spoken: true });
      });
      for (const f of started.splice(0)) f(text);
    });
  /** Resolves when the next utterance starts (an event, not a timer). */
  const nextStart = () => new Promise<string>((r) => started.push(r));
  const finish = () => waiting.shift()!();
  return { log, speak, nextStart, finish, overlapped: () => overlap };
}

describe('announcer: coalescing and recalls', () => {
  it('coalesces the same call enqueued twice within the window, and plays it again after', async () => {
    let clock = 1_000;
    const e = engine();
    const a = createAnnouncer({ speak: e.speak, log: () => undefined, now: () => clock, coalesceMs: 5000 });
    const first = e.nextStart();
    expect(a.enqueue({ ticketId: 't1', text: '请 A001 号到 1 号窗口办理', key: 'x' })).toBe(true);
    // Another station relays the same call under another key one second later.
    clock += 1000;
    expect(a.enqueue({ ticketId: 't1', text: '请 A001 号到 1 号窗口办理', key: 'y' })).toBe(false);
    await first;
    e.finish();
    await a.idle();
    clock += 5000;
    const again = e.nextStart();
    expect(a.enqueue({ ticketId: 't1', text: '请 A001 号到 1 号窗口办理', key: 'z' })).toBe(true);
    await again;
    e.finish();
    await a.idle();
    expect(e.log).toEqual(['请 A001 号到 1 号窗口办理', '请 A001 号到 1 号窗口办理']);
  });

  it('a recall queues behind what is already waiting and interrupts nothing', async () => {
    const e = engine();
    const a = createAnnouncer({ speak: e.speak, log: () => undefined, now: () => 0 });
    const s1 = e.nextStart();
    a.enqueue({ ticketId: 't1', text: '请 A001 号到 1 号窗口办理' });
    a.enqueue({ ticketId: 't2', text: '请 A002 号到 2 号窗口办理' });
    a.enqueue({ ticketId: 't1', text: '重呼，请 A001 号到 1 号窗口办理' });
    expect(await s1).toBe('请 A001 号到 1 号窗口办理');
    expect(a.pending()).toBe(2);
    for (const expected of ['请 A002 号到 2 号窗口办理', '重呼，请 A001 号到 1 号窗口办理']) {
      const next = e.nextStart();
      e.finish();
      expect(await next).toBe(expected);
    }
    e.finish();
    await a.idle();
    expect(e.overlapped()).toBe(false);
    expect(e.log).toHaveLength(3);
  });

  it('with coalescing off, every distinct call event plays', async () => {
    const e = engine();
    const a = createAnnouncer({ speak: e.speak, log: () => undefined, coalesceMs: 0 });
    const s = e.nextStart();
    a.enqueue({ ticketId: 't1', text: 'x', key: '1' });
    a.enqueue({ ticketId: 't1', text: 'x', key: '2' });
    await s;
    const s2 = e.nextStart();
    e.finish();
    await s2;
    e.finish();
    await a.idle();
    expect(e.log).toEqual(['x', 'x']);
  });
});
