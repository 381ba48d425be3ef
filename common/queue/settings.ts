import { z } from 'zod';
import { InterleaveRule } from './fairness';
import { IssueHours } from './numbering';

/**
 * The hall's queue settings as stored (queue_settings.config, one JSON row per hall) and synced:
 * the fairness rule, recall/no-show rules, the announcement and the automatic day reset.
 * `QueueSettings.parse({})` gives the defaults.
 */
/** What the hall's TVs scroll along the bottom until a manager changes it. */
export const DEFAULT_HALL_NOTICES = [
  '65 岁以上老人、残疾人、孕妇、军人可走绿色通道，请到引导台',
  '交电费、开发票可用“网上国网”App 办理，无需排队',
  '停电报修请拨打 95598，24 小时服务',
];
export const MAX_NOTICES = 10;
export const MAX_NOTICE_CHARS = 120;

export const HhMm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'input.timeFormat');

export const QueueSettings = z.object({
  /** "after N normal, M priority" (docs/domain.md: 2 normal then 1 priority). */
  interleave: InterleaveRule.default({ normal: 2, priority: 1 }),
  maxRecalls: z.number().int().min(0).max(20).default(2),
  recallMinGapSec: z.number().int().min(0).max(3600).default(30),
  noShowAfterCalls: z.number().int().min(1).max(21).default(3),
  /** Minutes around the slot in which a checked-in appointment counts as priority. */
  appointmentWindowMin: z.number().int().min(0).max(240).default(15),
  /** `{number}` and `{window}` are replaced; the display speaks it. */
  announcementTemplate: z
    .string()
    .min(4)
    .max(80)
    .refine((s) => s.includes('{number}') && s.includes('{window}'), {
      message: 'queue.announcementPlaceholders',
      params: { number: '{number}', window: '{window}' },
    })
    .default('请 {number} 号到 {window} 号窗口办理'),
  voiceRate: z.number().min(0.5).max(2).default(0.9),
  voiceVolume: z.number().min(0).max(1).default(1),
  /** Local time at which yesterday's unfinished tickets are closed as abandoned. */
  dayResetAt: HhMm.default('03:00'),
  /** The notices every display scrolls (a TV may override them locally). */
  notices: z
    .array(z.string().trim().min(1, 'queue.noticeEmpty').max(MAX_NOTICE_CHARS, 'queue.noticeTooLong'))
    .max(MAX_NOTICES, 'queue.tooManyNotices')
    .default(() => [...DEFAULT_HALL_NOTICES]),
  /**
   * Staff skills: staff id → the business types that agent may serve (call-next never gives them
   * another). Written only by `staff.setSkills`, one agent at a time, so two managers editing two
   * agents never overwrite each other; an agent without an entry keeps the skills seeded in `staff`.
   */
  staffSkills: z.record(z.string().min(1).max(32), z.array(z.string().min(1).max(16)).max(20)).default({}),
});
export type QueueSettings = z.infer<typeof QueueSettings>;
export type QueueSettingsInput = z.input<typeof QueueSettings>;
export const DEFAULT_QUEUE_SETTINGS: QueueSettings = QueueSettings.parse({});

/** What the calling displays take from the hall settings: the announcement, the voice, the notices. */
export type HallDisplayConfig = Pick<QueueSettings, 'announcementTemplate' | 'voiceRate' | 'voiceVolume' | 'notices'>;
export const hallDisplayConfig = (s: QueueSettings): HallDisplayConfig => ({
  announcementTemplate: s.announcementTemplate,
  voiceRate: s.voiceRate,
  voiceVolume: s.voiceVolume,
  notices: s.notices,
});

/** A business type's issuing configuration as the manager edits it. */
export const TypeSettings = z.object({
  code: z.string().min(1).max(16),
  prefix: z.string().regex(/^[A-Z]$/, 'queue.prefixFormat'),
  dailyCap: z.number().int().min(0).max(999),
  hours: z.array(IssueHours).max(4),
  waitingWarnAt: z.number().int().min(1).max(999),
  targetWaitMin: z.number().int().min(1).max(240),
});
export type TypeSettings = z.infer<typeof TypeSettings>;

/** A window's served types, each with a priority (主办 high, 兼办 low). */
export const WindowTypes = z
  .array(z.object({ code: z.string().min(1).max(16), priority: z.number().int().min(0).max(100) }))
  .min(1, 'queue.windowNeedsType')
  .max(20);
export type WindowTypes = z.infer<typeof WindowTypes>;

/** The announcement text for a call from the template. */
export function renderAnnouncement(template: string, ticketNo: string, windowNo: number, recall = false): string {
  return `${recall ? '重呼，' : ''}${template.replaceAll('{number}', ticketNo).replaceAll('{window}', String(windowNo))}`;
}
