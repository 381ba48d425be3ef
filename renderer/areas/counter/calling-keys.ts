import type { CounterPanel } from '@common/api/queue-schemas';
import type { ErrorKey, ErrorParams } from '@common/errors';

/** The calling panel's actions and their function keys (a physical caller keypad sends F1–F8). */
export type PanelAction = 'callNext' | 'recall' | 'start' | 'finish' | 'noShow' | 'transfer' | 'park' | 'pause';
export const PANEL_ORDER: readonly PanelAction[] = [
  'callNext',
  'recall',
  'start',
  'finish',
  'noShow',
  'transfer',
  'park',
  'pause',
];
export const PANEL_KEYS: Readonly<Record<PanelAction, string>> = {
  callNext: 'F1',
  recall: 'F2',
  start: 'F3',
  finish: 'F4',
  noShow: 'F5',
  transfer: 'F6',
  park: 'F7',
  pause: 'F8',
};
export const PANEL_SHORTCUTS: Readonly<Record<string, PanelAction>> = Object.fromEntries(
  PANEL_ORDER.map((a) => [PANEL_KEYS[a], a]),
);

/**
 * Which actions the panel offers now; the host enforces the same rules (and the recall gap, which
 * needs its clock). F7 parks a serving ticket or resumes the oldest parked one; F8 pauses or resumes.
 */
export function panelActions(
  p: Pick<CounterPanel, 'status' | 'current' | 'parked' | 'rules'> | null,
): Record<PanelAction, boolean> {
  const cur = p?.current ?? null;
  const open = p?.status === 'open';
  const status = cur?.status ?? null;
  return {
    callNext: open && cur === null,
    recall: open && status === 'called' && (cur?.roundCalls ?? 0) < 1 + (p?.rules.maxRecalls ?? 0),
    start: status === 'called',
    finish: status === 'serving',
    noShow: status === 'called' && (cur?.roundCalls ?? 0) >= (p?.rules.noShowAfterCalls ?? 1),
    transfer: status === 'called' || status === 'serving',
    park: status === 'serving' || (open && cur === null && (p?.parked.length ?? 0) > 0),
    pause: p !== null && p.status !== 'closed',
  };
}

/** Why an action is not offered, as an error catalog key the screen translates. */
export interface BlockedReason {
  key: ErrorKey;
  params: ErrorParams;
}

/**
 * Why a key or button does nothing now — a keypad press must never be silently ignored. Null when
 * the action is allowed, or when the panel has nothing more useful to say than the disabled button.
 */
export function blockedReason(
  action: PanelAction,
  p: Pick<CounterPanel, 'windowNo' | 'status' | 'current' | 'rules'> | null,
): BlockedReason | null {
  if (!p) return null;
  const cur = p.current;
  if (action === 'noShow' && cur?.status === 'called' && cur.roundCalls < p.rules.noShowAfterCalls)
    return {
      key: 'queue.tooFewCalls',
      params: { ticketNo: cur.number, calls: cur.roundCalls, required: p.rules.noShowAfterCalls },
    };
  if (action === 'recall' && cur?.status === 'called' && cur.roundCalls >= 1 + p.rules.maxRecalls)
    return { key: 'queue.recallLimit', params: { ticketNo: cur.number, recalls: cur.roundCalls - 1 } };
  if (action === 'callNext' || action === 'recall') {
    if (p.status === 'closed') return { key: 'queue.windowClosed', params: { windowNo: p.windowNo } };
    if (p.status === 'paused') return { key: 'queue.windowPaused', params: { windowNo: p.windowNo } };
  }
  if (action === 'callNext' && cur)
    return { key: 'queue.windowBusy', params: { windowNo: p.windowNo, ticketNo: cur.number } };
  return null;
}
