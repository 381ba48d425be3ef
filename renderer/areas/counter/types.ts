import type { Ticket } from '../../../common/api/schemas';

export type CounterAction = 'callNext' | 'recall' | 'start' | 'finish';

/** F1 call next, F2 recall, F3 start, F4 finish. */
export const SHORTCUTS: Readonly<Record<string, CounterAction>> = { F1: 'callNext', F2: 'recall', F3: 'start', F4: 'finish' };
export const ACTION_KEYS: Readonly<Record<CounterAction, string>> = { callNext: 'F1', recall: 'F2', start: 'F3', finish: 'F4' };
export const ACTION_ORDER: readonly CounterAction[] = ['callNext', 'recall', 'start', 'finish'];

/** A window's ticket is "open" until it is finished, a no-show or cancelled. */
const OPEN_STATUSES: readonly Ticket['status'][] = ['waiting', 'called', 'serving'];

/**
 * Which counter actions the current ticket allows (the host enforces the same rules):
 * call next only when the window holds no open ticket; recall and start while called; finish while serving.
 */
export function availableActions(current: Pick<Ticket, 'status'> | null): Record<CounterAction, boolean> {
  const status = current?.status ?? null;
  const open = status !== null && OPEN_STATUSES.includes(status);
  return {
    callNext: !open,
    recall: status === 'called',
    start: status === 'called',
    finish: status === 'serving',
  };
}
