import { describe, expect, it } from 'vitest';
import type { AgentEvaluation, RatingPrompt, Ticket } from '@common/api/schemas';
import { BUSINESS_TYPES } from '@common/domain/business-types';
import { blockedReason, panelActions, PANEL_SHORTCUTS } from '../../../renderer/areas/counter/calling-keys';
import { mergeCalls } from '../../../renderer/areas/display/types';
import { rankFunctions } from '../../../renderer/areas/guide/match';
import { nextScale } from '../../../renderer/areas/kiosk/types';
import { hallTotals, percentText, sortEvaluations } from '../../../renderer/areas/manager/types';
import { composeReason, reasonReady, screenFor } from '../../../renderer/areas/rate/types';
import { pickVoice } from '../../../renderer/audio/voice';
import { checkLogin } from '../../../renderer/components/login';
import { renderAst, toAst } from '../../../renderer/i18n/precompile';
import { hallHasWindow, parseWindowParam } from '../../../renderer/routes/params';
import { coalesced } from '../../../renderer/utils/coalesce';
import { durationText } from '../../../renderer/utils/time';

const ticket = (over: Partial<Ticket> = {}): Ticket => ({
  id: 't1',
  number: 'A001',
  businessType: 'PAY',
  priority: 'normal',
  status: 'waiting',
  issuedAt: '2025-01-01T01:00:00Z',
  calledAt: null,
  callCount: 0,
  windowNo: null,
  staffId: null,
  startedAt: null,
  finishedAt: null,
  ...over,
});

describe('window route parameter', () => {
  it('accepts a positive integer window number', () => {
    expect(parseWindowParam('3')).toEqual({ ok: true, windowNo: 3 });
    expect(parseWindowParam('12')).toEqual({ ok: true, windowNo: 12 });
    expect(parseWindowParam(['7'])).toEqual({ ok: true, windowNo: 7 });
  });
  it.each(['0', '-1', '1.5', 'abc', '', ' 3', '3a', '1e2', '100', '9999999'])('rejects %j', (raw) => {
    expect(parseWindowParam(raw).ok).toBe(false);
  });
  it('keeps what the user typed for the message', () => {
    expect(parseWindowParam('abc')).toEqual({ ok: false, label: 'abc' });
    expect(parseWindowParam(undefined)).toEqual({ ok: false, label: '' });
  });
  it('checks the window against the hall', () => {
    const windows = [{ windowNo: 1 }, { windowNo: 2 }];
    expect(hallHasWindow(windows, 2)).toBe(true);
    expect(hallHasWindow(windows, 3)).toBe(false);
  });
});

describe('calling panel actions by window and ticket state', () => {
  const rules = { maxRecalls: 2, recallMinGapSec: 30, noShowAfterCalls: 3, interleave: { normal: 2, priority: 1 } };
  const panel = (
    status: 'open' | 'paused' | 'closed',
    current: { status: 'called' | 'serving'; roundCalls: number } | null,
    parked = 0,
  ) =>
    ({ status, rules, current, parked: Array.from({ length: parked }, () => ({})) }) as unknown as Parameters<
      typeof panelActions
    >[0];

  it('calls next only on an open window without a ticket', () => {
    expect(panelActions(panel('open', null)).callNext).toBe(true);
    expect(panelActions(panel('paused', null)).callNext).toBe(false);
    expect(panelActions(panel('closed', null)).callNext).toBe(false);
    expect(panelActions(panel('open', { status: 'called', roundCalls: 1 })).callNext).toBe(false);
    expect(panelActions(null).callNext).toBe(false);
  });

  it('says why a key does nothing: a no-show before the required calls, a recall past the limit, a busy or paused window', () => {
    const at = (status: 'open' | 'paused', current: object | null) =>
      ({ ...(panel(status, current as never) as object), windowNo: 3 }) as Parameters<typeof blockedReason>[1];
    const called = (n: number) => at('open', { status: 'called', roundCalls: n, number: 'A007' });
    expect(blockedReason('noShow', called(1))).toEqual({
      key: 'queue.tooFewCalls',
      params: { ticketNo: 'A007', calls: 1, required: 3 },
    });
    expect(blockedReason('noShow', called(3))).toBeNull();
    expect(blockedReason('recall', called(3))).toMatchObject({ key: 'queue.recallLimit', params: { recalls: 2 } });
    expect(blockedReason('callNext', called(1))).toMatchObject({ key: 'queue.windowBusy', params: { windowNo: 3 } });
    expect(blockedReason('callNext', at('paused', null))).toMatchObject({ key: 'queue.windowPaused' });
    expect(blockedReason('callNext', at('open', null))).toBeNull();
  });

  it('limits recalls and offers no-show only after the configured number of calls', () => {
    const called = (n: number) => panelActions(panel('open', { status: 'called', roundCalls: n }));
    expect([1, 2, 3].map((n) => called(n).recall)).toEqual([true, true, false]);
    expect([1, 2, 3].map((n) => called(n).noShow)).toEqual([false, false, true]);
    expect(called(1)).toMatchObject({ start: true, finish: false, transfer: true, park: false });
  });

  it('finishes, transfers and parks a serving ticket; resumes a parked one when idle; pauses unless closed', () => {
    expect(panelActions(panel('open', { status: 'serving', roundCalls: 1 }))).toMatchObject({
      start: false,
      finish: true,
      transfer: true,
      park: true,
      noShow: false,
    });
    expect(panelActions(panel('open', null, 1)).park).toBe(true);
    expect(panelActions(panel('open', null, 0)).park).toBe(false);
    expect(panelActions(panel('paused', null)).pause).toBe(true);
    expect(panelActions(panel('closed', null)).pause).toBe(false);
  });

  it('maps F1–F8 one to one onto the eight actions', () => {
    expect(Object.keys(PANEL_SHORTCUTS)).toEqual(['F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7', 'F8']);
    expect(new Set(Object.values(PANEL_SHORTCUTS)).size).toBe(8);
  });
});

describe('rating screen', () => {
  const prompt = (over: Partial<RatingPrompt>): RatingPrompt => ({
    windowNo: 1,
    agent: null,
    current: null,
    awaitingRating: null,
    timeoutSec: 30,
    ...over,
  });
  const agent = { id: 's', staffNo: '1002', name: '李', title: '营业员', photo: '', starLevel: 4 };
  it('shows the rating while one is awaited and not yet handled here', () => {
    const p = prompt({ agent, awaitingRating: ticket({ id: 'x', status: 'finished' }) });
    expect(screenFor(p, new Set())).toBe('rating');
    expect(screenFor(p, new Set(['x']))).toBe('idle');
  });
  it('follows the service otherwise', () => {
    expect(screenFor(null, new Set())).toBe('closed');
    expect(screenFor(prompt({}), new Set())).toBe('closed');
    expect(screenFor(prompt({ agent, current: ticket({ status: 'called' }) }), new Set())).toBe('called');
    expect(screenFor(prompt({ agent, current: ticket({ status: 'serving' }) }), new Set())).toBe('serving');
  });
  it('needs a reason for 不满意 and 非常不满意 only', () => {
    expect(reasonReady('satisfied', [], '')).toBe(true);
    expect(reasonReady('basic', [], '')).toBe(true);
    expect(reasonReady('unsatisfied', [], '')).toBe(false);
    expect(reasonReady('very_unsatisfied', [], '  ')).toBe(false);
    expect(reasonReady('unsatisfied', ['waiting'], '')).toBe(true);
    expect(reasonReady('very_unsatisfied', [], '太慢')).toBe(true);
  });
  it('composes the reason from tags and text within 500 characters', () => {
    expect(composeReason(['等候时间太长', '服务态度不好'], ' 排了一小时 ')).toBe(
      '等候时间太长；服务态度不好；排了一小时',
    );
    expect(composeReason([], '')).toBeUndefined();
    expect(composeReason([], 'x'.repeat(600))).toHaveLength(500);
  });
});

describe('manager evaluation', () => {
  const row = (
    staffNo: string,
    served: number,
    byLevel: Record<string, number>,
    satisfaction: number | null,
  ): AgentEvaluation => ({
    staff: { id: staffNo, staffNo, name: staffNo, title: '', photo: '', starLevel: 3 },
    served,
    ratings: Object.entries(byLevel)
      .filter(([k]) => k !== 'none')
      .reduce((n, [, v]) => n + v, 0),
    byLevel,
    satisfaction,
    coverage: null,
    recent: [],
  });
  it('totals by the KPI definitions (未评价 is not a rating)', () => {
    const t = hallTotals([
      row('1002', 10, { very_satisfied: 3, satisfied: 2, basic: 1, unsatisfied: 1, none: 2 }, 5 / 7),
      row('1003', 2, {}, null),
    ]);
    expect(t).toEqual({ served: 12, rated: 7, notRated: 2, bad: 1, satisfaction: 5 / 7, coverage: 7 / 12 });
    expect(hallTotals([]).satisfaction).toBeNull();
  });
  it('formats fractions as percentages', () => {
    expect(percentText(0.8571)).toBe('85.7%');
    expect(percentText(1)).toBe('100.0%');
    expect(percentText(null)).toBe('—');
  });
  it('sorts by a column with the staff number as tie-break', () => {
    const rows = [
      row('1003', 5, { very_satisfied: 1 }, 1),
      row('1002', 5, { very_satisfied: 4 }, 0.5),
      row('1001', 9, {}, null),
    ];
    expect(sortEvaluations(rows, { key: 'very_satisfied', order: 'desc' }).map((r) => r.staff.staffNo)).toEqual([
      '1002',
      '1003',
      '1001',
    ]);
    expect(sortEvaluations(rows, { key: 'served', order: 'asc' }).map((r) => r.staff.staffNo)).toEqual([
      '1002',
      '1003',
      '1001',
    ]);
    expect(sortEvaluations(rows, { key: 'satisfaction', order: 'desc' }).map((r) => r.staff.staffNo)).toEqual([
      '1003',
      '1002',
      '1001',
    ]);
  });
});

describe('guidance matching', () => {
  it('maps what customers say to the business function', () => {
    expect(rankFunctions('家里停电了', BUSINESS_TYPES)[0]?.type.code).toBe('FAULT');
    expect(rankFunctions('我要交电费', BUSINESS_TYPES)[0]?.type.code).toBe('PAY');
    expect(rankFunctions('开发票报销', BUSINESS_TYPES)[0]?.type.code).toBe('INV');
    expect(rankFunctions('装光伏', BUSINESS_TYPES)[0]?.type.code).toBe('PV');
    expect(rankFunctions('', BUSINESS_TYPES)).toEqual([]);
    expect(rankFunctions('天气怎么样', BUSINESS_TYPES)).toEqual([]);
  });
  it('ranks a type whose synonym the words contain above partial matches', () => {
    const ranked = rankFunctions('跳闸了怎么办', BUSINESS_TYPES);
    expect(ranked[0]?.score).toBe(1);
    expect(ranked.every((m, i) => i === 0 || m.score <= ranked[i - 1]!.score)).toBe(true);
  });
});

describe('small helpers', () => {
  it('cycles the kiosk text size 100 → 150 → 200 → 100%', () => {
    expect([nextScale(1), nextScale(1.5), nextScale(2)]).toEqual([1.5, 2, 1]);
  });
  it('merges calls newest first without duplicates', () => {
    const c = (id: string, at: string) => ({ ticketId: id, ticketNo: id, windowNo: 1, text: '', recall: false, at });
    expect(mergeCalls([c('b', '2')], [c('a', '1'), c('b', '2'), c('c', '3')]).map((x) => x.ticketId)).toEqual([
      'c',
      'b',
      'a',
    ]);
  });
  it('picks a zh-CN voice, never a Cantonese or Taiwanese one', () => {
    const v = (lang: string, localService = false) => ({ lang, localService });
    expect(pickVoice([v('en-US'), v('zh-HK'), v('zh-CN'), v('zh-TW')], 'zh-CN')).toBe(2);
    expect(pickVoice([v('en-US'), v('zh_CN', true), v('zh-CN')], 'zh-CN')).toBe(1);
    expect(pickVoice([v('en-US'), v('zh-TW'), v('zh-HK')], 'zh-CN')).toBe(-1);
    expect(pickVoice([], 'zh-CN')).toBe(-1);
  });
  it('checks the login form like the host does', () => {
    expect(checkLogin('1001', '1234')).toBeNull();
    expect(checkLogin('10', '1234')).toBe('badStaffNo');
    expect(checkLogin('1001', '12a4')).toBe('badPin');
  });
  it('precompiles messages to the vue-i18n AST', () => {
    expect(toAst('取号成功')).toEqual({ type: 0, body: { type: 2, static: '取号成功' } });
    const ast = toAst('您前面还有 {n} 人');
    expect(ast.body.items).toEqual([
      { type: 3, value: '您前面还有 ' },
      { type: 4, key: 'n' },
      { type: 3, value: ' 人' },
    ]);
    expect(renderAst(ast, { n: 3 })).toBe('您前面还有 3 人');
    expect(renderAst(toAst('{a}{b}'), { a: 1, b: 2 })).toBe('12');
  });
  it('formats durations', () => {
    expect(durationText(0)).toBe('0:00');
    expect(durationText(65_000)).toBe('1:05');
    expect(durationText(3_725_000)).toBe('1:02:05');
    expect(durationText(-5000)).toBe('0:00');
  });
  it('coalesces a burst of refreshes into at most two runs', async () => {
    let runs = 0;
    let release: () => void = () => undefined;
    const refresh = coalesced(async () => {
      runs++;
      await new Promise<void>((r) => (release = r));
    });
    const first = refresh();
    void refresh();
    void refresh();
    void refresh();
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(runs).toBe(2);
    release();
    await first;
    expect(runs).toBe(2);
  });
});
