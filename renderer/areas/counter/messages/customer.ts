import type { MessageModule, SameKeys } from '../../../i18n/message-module';

/**
 * Tags, fee-recovery risk and customers of other halls (跨区域办理) on the counter. Nested as `counter.customer` by
 * counter.messages.ts.
 */
const zhCN = {
  flags: '标签与风险',
  noFlags: '无标签',
  risk: { none: '回收风险：无', low: '回收风险：低', medium: '回收风险：中', high: '回收风险：高' },
  riskWhy: '判定依据：{path}',
  riskShare: '相似客户中 {pct}% 曾逾期欠费',
  riskNoModel: '风险模型尚未下发，暂按欠费期数判断',
  manualTag: '{name}（人工登记：{reason}）',
  tagSince: '自 {at} 起',
  value: '客户价值 {score} 分（近期 {recency} · 频次 {frequency} · 金额 {amount} · 在网 {tenure}）',
  otherHall: '外区客户',
  otherHallTitle: '外区客户（跨区域办理）：属{hall}，资料于 {at} 取自中心，仅显示脱敏信息；查看完整信息将记入审计',
  remote: {
    fetched: '本厅无此客户，已从中心调取外区客户资料',
    not_found: '本厅及中心均无此客户',
    offline: '本厅无此客户；中心暂不可达，请稍后重试',
    unavailable: '本厅无此客户（本终端未连接中心，无法跨区查询）',
  },
};

const en: SameKeys<typeof zhCN> = {
  flags: 'Tags & risk',
  noFlags: 'No tags',
  risk: {
    none: 'Recovery risk: none',
    low: 'Recovery risk: low',
    medium: 'Recovery risk: medium',
    high: 'Recovery risk: high',
  },
  riskWhy: 'Why: {path}',
  riskShare: '{pct}% of similar customers fell into arrears',
  riskNoModel: 'No risk model received yet: judged by the bills in arrears',
  manualTag: '{name} (set by staff: {reason})',
  tagSince: 'since {at}',
  value: 'Customer value {score} (recency {recency} · frequency {frequency} · amount {amount} · tenure {tenure})',
  otherHall: 'Other hall',
  otherHallTitle:
    'Customer of another hall: {hall}, fetched from the central at {at}; masked data only, full views are audited',
  remote: {
    fetched: 'Not a customer of this hall: fetched from the central',
    not_found: 'No such customer here or at the central',
    offline: 'Not a customer of this hall; the central is unreachable, try again shortly',
    unavailable: 'Not a customer of this hall (this station is not connected to a central)',
  },
};

export default { 'zh-CN': zhCN, en } satisfies MessageModule;
