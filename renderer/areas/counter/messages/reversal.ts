import type { MessageModule, SameKeys } from '../../../i18n/message-module';

/**
 * 冲正 at the counter: the button, the confirmation dialog, its outcome. Nested as `counter.reversal` by
 * counter.messages.ts.
 */
const zhCN = {
  button: '冲正',
  title: '冲正确认',
  warn: '冲正将整笔撤销这笔支付：银行卡/扫码在网关原路退回，现金请当面退还；已销的欠费恢复。仅限当日，需营业厅主任授权。',
  payment: '原支付',
  paidAt: '支付时间',
  reason: '冲正原因',
  reasonPlaceholder: '例如：户号输错 / 金额输错 / 写卡失败',
  reasons: { account: '户号输错', amount: '金额输错', card: '写卡失败', cancel: '客户当场取消' },
  managerNo: '主任工号',
  managerPin: '主任密码',
  confirm: '确认冲正',
  cancel: '取消',
  done: '已冲正',
  doneDetail: '¥ {amount} 已撤销，冲正凭证已送打印机。{cash}',
  cashBack: '请当面退还现金。',
  audited: '冲正记录主任与经办人工号，计入当日对账',
  close: '完成',
};

const en: SameKeys<typeof zhCN> = {
  button: 'Reverse',
  title: 'Confirm reversal',
  warn: "The whole payment is undone: card/QR is returned through the gateway, cash is handed back; the arrears it settled come back. Same day only, with a manager's authorisation.",
  payment: 'Payment',
  paidAt: 'Paid at',
  reason: 'Reason',
  reasonPlaceholder: 'e.g. wrong account / wrong amount / card write failed',
  reasons: {
    account: 'Wrong account',
    amount: 'Wrong amount',
    card: 'Card write failed',
    cancel: 'Customer cancelled',
  },
  managerNo: 'Manager staff no.',
  managerPin: 'Manager PIN',
  confirm: 'Reverse payment',
  cancel: 'Cancel',
  done: 'Reversed',
  doneDetail: '¥ {amount} undone; the void slip went to the printer. {cash}',
  cashBack: 'Hand the cash back.',
  audited: "The reversal records the manager and the agent and shows in the day's reconciliation",
  close: 'Done',
};

export default { 'zh-CN': zhCN, en } satisfies MessageModule;
