import type { MessageModule } from '../i18n/message-module';

type Load = () => Promise<{ default: MessageModule }>;

const launcher: Load = () => import('../areas/launcher/launcher.messages');
const kiosk: Load = () => import('../areas/kiosk/kiosk.messages');
const counter: Load = () => import('../areas/counter/counter.messages');
const rate: Load = () => import('../areas/rate/rate.messages');
const guide: Load = () => import('../areas/guide/guide.messages');
const manager: Load = () => import('../areas/manager/manager.messages');
const devices: Load = () => import('../areas/devices/devices.messages');
const ticket: Load = () => import('../areas/ticket/ticket.messages');
const track: Load = () => import('../areas/track/track.messages');

/**
 * The message modules each area loads with its page, beside `common` and `errors` (in the entry), by
 * the area's folder under areas/. Each module is a chunk of its own: a kiosk never downloads another
 * area's words. The display shows Chinese and English side by side and translates nothing.
 */
export const AREA_MESSAGES = {
  launcher: [launcher],
  kiosk: [kiosk],
  counter: [counter],
  rate: [rate],
  display: [],
  guide: [guide],
  // The manager console shows the counter's reconciliation panel and its payment words.
  manager: [manager, counter],
  devices: [devices],
  ticket: [ticket],
  track: [track],
} satisfies Record<string, Load[]>;

export type Area = keyof typeof AREA_MESSAGES;
