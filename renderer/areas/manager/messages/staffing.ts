import type { MessageModule, SameKeys } from '../../../i18n/message-module';

/** The staffing forecast tab. Nested as `manager.staffing` by manager.messages.ts. */
const zhCN = {
  tab: '排班预测',
  title: '下周窗口需求预测',
  weeks: '参考历史',
  weeksN: '近 {n} 周',
  goal: '服务水平目标',
  goalN: '{n}% 在目标等候内叫号',
  basis:
    '预计取号 = 历史同星期、同时段的日均取号；所需窗口按 Erlang C 计算（平均办理时长取该时段历史值，目标等候 {target} 分钟为各业务按取号量加权），全部窗口视为可互相替代，实际按业务分窗时应略多于此数。',
  rosterNote: '系统中没有排班表：“当前排班”为历史同期该时段实际叫号的窗口数（平均）。',
  colHour: '时段',
  needed: '需',
  rostered: '排',
  cellTitle:
    '预计取号 {arrivals} 张，平均办理 {aht} 分钟；需 {needed} 个窗口，当前排班 {rostered} 个（服务水平约 {sl}）',
  unreachable: '全开仍不足',
  short: '排班不足',
  enough: '排班充足',
  peak: '当日高峰需',
  empty: '历史中没有取号记录，无法预测',
  windowsTotal: '全厅共 {n} 个窗口',
};

const en: SameKeys<typeof zhCN> = {
  tab: 'Staffing forecast',
  title: 'Windows needed next week',
  weeks: 'History',
  weeksN: 'Last {n} weeks',
  goal: 'Service-level goal',
  goalN: '{n}% called within the target',
  basis:
    'Expected arrivals = the mean of the same weekday and hour in the history; windows needed by Erlang C (handling time from the same hour of the history, target wait {target} min weighted by the business mix), with every window able to serve everyone — windows limited to some businesses need a few more.',
  rosterNote:
    'There is no staff roster in the system: “rostered” is how many windows called tickets in that hour, on average, over the same weeks.',
  colHour: 'Hour',
  needed: 'need',
  rostered: 'have',
  cellTitle:
    '{arrivals} tickets expected, {aht} min mean handling; {needed} windows needed, {rostered} rostered (service level about {sl})',
  unreachable: 'Short even with all open',
  short: 'Understaffed',
  enough: 'Enough',
  peak: 'Peak need',
  empty: 'No tickets in the history to forecast from',
  windowsTotal: '{n} windows in the hall',
};

export default { 'zh-CN': zhCN, en } satisfies MessageModule;
