import type { MessageModule, SameKeys } from '../../../i18n/message-module';

/** The agent's appeals against bad ratings. Nested as `counter.appeal` by counter.messages.ts. */
const zhCN = {
  open: '差评申诉',
  title: '我的差评（近 30 天）',
  hint: '只能申诉本人办理业务的差评，每条只能申诉一次，由营业厅主任处理。评价本身不会被修改。',
  empty: '近 30 天没有差评',
  file: '申诉',
  reason: '申诉理由（至少 4 个字）',
  submit: '提交申诉',
  cancel: '取消',
  filed: '申诉已提交，等待主任处理',
  status: { pending: '待处理', accepted: '已采纳', rejected: '已驳回' },
  note: '主任意见：{note}',
  expired: '已超过申诉期限',
  ticket: '{day} · {ticketNo} · {type}',
};

const en: SameKeys<typeof zhCN> = {
  open: 'Appeal a rating',
  title: 'My bad ratings (last 30 days)',
  hint: 'You can appeal bad ratings of services you gave yourself, once each; the hall manager decides. The rating itself is never changed.',
  empty: 'No bad ratings in the last 30 days',
  file: 'Appeal',
  reason: 'Why you appeal (at least 4 characters)',
  submit: 'Send the appeal',
  cancel: 'Cancel',
  filed: 'Appeal sent; the manager will decide',
  status: { pending: 'Waiting', accepted: 'Accepted', rejected: 'Rejected' },
  note: 'Manager’s note: {note}',
  expired: 'Too old to appeal',
  ticket: '{day} · {ticketNo} · {type}',
};

export default { 'zh-CN': zhCN, en } satisfies MessageModule;
