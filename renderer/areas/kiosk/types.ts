import type { BusinessTypeView, Ticket } from '@common/api/schemas';

/** One task per screen: choose a service (or check in an appointment), then see the ticket. */
export type KioskScreen = 'home' | 'more' | 'guide' | 'appointment' | 'result' | 'pay';

export interface IssuedTicket {
  ticket: Ticket;
  type: BusinessTypeView | null;
  waitingAhead: number;
  printed: boolean;
  /** From this kiosk's own number block while the hall's numbering was out of reach: still called in turn. */
  offlineNumber?: boolean;
  /** Estimated wait in minutes (queue rules). */
  estimatedWaitMin?: number;
  /** Set when the type's waiting count passed its warning threshold. */
  warning?: string | null;
  /** Set when the ticket came from an appointment check-in (预约签到). */
  appointment?: { code: string; slotAt: string } | null;
}

/** Text sizes offered by the 字号 button (適老化: up to 200%). */
export const FONT_SCALES = [1, 1.5, 2] as const;
export type FontScale = (typeof FONT_SCALES)[number];

export function nextScale(current: number): FontScale {
  const i = FONT_SCALES.findIndex((s) => s === current);
  return FONT_SCALES[(i + 1) % FONT_SCALES.length] ?? 1;
}

/** Seconds the result stays up, and the idle time after which the home screen resets for the next customer. */
export const RESULT_SECONDS = 20;
export const IDLE_RESET_SECONDS = 60;
/** The reset is announced on screen for its last seconds. */
export const IDLE_WARN_SECONDS = 15;
/** 适老模式 gives every countdown this many times as long: reading and walking take longer. */
export const ELDER_TIME_FACTOR = 2;
