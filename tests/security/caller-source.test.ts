import { describe, expect, it } from 'vitest';
import { contextFromUrl } from '../../main/api/ws-adapter';
import { WindowRegistry } from '../../main/electron/window-registry';
import { budgetKey, inProcessSource, sourceOf, type CallerContext } from '../../main/services/caller';

/**
 * Every call has a source: the adapters bind it with the connection, in-process callers name
 * themselves, and a caller without one does not compile. Budgets count every source but the
 * station's own.
 */
describe('caller source', () => {
  it('the adapters set it: the WebSocket remote address, the Electron window', () => {
    const ws = contextFromUrl('/api?role=counter&window=3', '10.0.0.7');
    expect(ws).toMatchObject({ role: 'counter', windowNo: 3, source: '10.0.0.7' });
    const ipc = new WindowRegistry().register(41, 'rate', 3);
    expect(ipc.source).toBe('ipc:rate:3');
    expect(budgetKey(ipc, 'pin')).toBe('ipc:rate:3|pin');
    expect(budgetKey(ws as CallerContext)).toBe('10.0.0.7');
  });

  it('an in-process caller names itself and is the only one no budget applies to', () => {
    const job: CallerContext = {
      connectionId: 'day-end',
      role: 'manager',
      windowNo: null,
      source: inProcessSource('day-end'),
      session: null,
    };
    expect(sourceOf(job)).toBe('local:day-end');
    expect(budgetKey(job, 'manager')).toBeNull();
    // A source that merely contains the word is an ordinary one.
    expect(budgetKey({ ...job, source: '10.0.0.8' })).toBe('10.0.0.8');
  });

  it('a caller without a source does not compile', () => {
    // @ts-expect-error source is required
    const missing: CallerContext = { connectionId: 'x', role: 'kiosk', windowNo: null, session: null };
    expect(missing.role).toBe('kiosk');
  });
});
