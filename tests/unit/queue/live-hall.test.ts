import { describe, expect, it } from 'vitest';
import type { QueueSnapshot } from '@common/api/schemas';
import { computeKpis } from '@common/queue/kpi';
import { liveHall } from '@common/queue/live-hall';

const NOW = '2026-11-23T02:00:00.000Z';
const ago = (min: number) => new Date(Date.parse(NOW) - min * 60_000).toISOString();
const ticket = (id: string, number: string, businessType: string, issuedMinAgo: number) => ({
  id,
  number,
  businessType,
  priority: 'normal' as const,
  status: 'waiting' as const,
  issuedAt: ago(issuedMinAgo),
  calledAt: null,
  callCount: 0,
  windowNo: null,
  staffId: null,
  startedAt: null,
  finishedAt: null,
});
const type = (code: string) => ({ code, name: code, nameEn: code, prefix: 'A', onlineChannel: null, waiting: 0 });
const agent = { id: 'S1002', staffNo: '1002', name: '王丽娟', title: '', photo: '', starLevel: 5 };
const win = (windowNo: number, status: 'open' | 'paused' | 'closed', businessTypes: string[], staffed = true) => ({
  windowNo,
  name: `${windowNo}号窗口`,
  businessTypes,
  open: status !== 'closed',
  status,
  pauseReason: status === 'paused' ? '用餐' : null,
  agent: staffed ? agent : null,
  current: null,
  servedToday: 0,
});

const snapshot: QueueSnapshot = {
  day: '2026-11-23',
  waiting: [ticket('t1', 'A001', 'PAY', 25), ticket('t2', 'A002', 'PAY', 5), ticket('t3', 'B001', 'NEW', 31)],
  windows: [
    win(1, 'open', ['PAY']),
    win(2, 'paused', ['PAY', 'NEW']),
    win(3, 'closed', ['NEW']),
    win(4, 'open', ['PAY', 'NEW'], false),
  ],
  recentCalls: [],
  types: [type('PAY'), type('NEW'), type('ASK')],
};
const build = (targets: Record<string, number>) =>
  liveHall({
    snapshot,
    pausedSince: { '2': ago(12) },
    targets,
    badRatings: [],
    today: computeKpis([]).overall,
    now: NOW,
  });

describe('the live hall view', () => {
  it('counts waiting and the longest wait per type, and only open, staffed windows as serving', () => {
    const v = build({ PAY: 20, NEW: 30 });
    expect(v.types.map((t) => [t.code, t.waiting, t.longestWaitSec, t.servers])).toEqual([
      ['PAY', 2, 25 * 60, 1],
      ['NEW', 1, 31 * 60, 0],
      ['ASK', 0, null, 0],
    ]);
  });

  it('alerts on every ticket past its own type’s configured target, longest first', () => {
    expect(build({ PAY: 20, NEW: 30 }).longWaits.map((a) => [a.number, a.targetWaitMin])).toEqual([
      ['B001', 30],
      ['A001', 20],
    ]);
    // A longer target clears the alert; a ticket exactly at the target is not yet late.
    expect(build({ PAY: 25, NEW: 40 }).longWaits).toEqual([]);
  });

  it('gives a paused window its start and a window in any other state none', () => {
    const v = build({});
    expect(v.windows.map((w) => [w.windowNo, w.status, w.pausedSince])).toEqual([
      [1, 'open', null],
      [2, 'paused', ago(12)],
      [3, 'closed', null],
      [4, 'open', null],
    ]);
  });
});
