import type { MessageModule, SameKeys } from '../../../i18n/message-module';

/** What the kiosk tells the customer while money moves, and about a payment still being confirmed; `kiosk.paymentSafety`. */
const zhCN = {
  charging: '正在扣款，请勿离开，也不要取走银行卡',
  chargingSub: '完成后会显示结果并打印凭证',
  pendingTitle: '您有一笔缴费正在确认中',
  pendingBody: '{time} 缴费 {amount} 元，银行还没有给出结果。确认前不能再次缴费，以免重复扣款。',
  pendingNext: '结果会在您下次办理时显示，也可到柜台凭户号查询',
  earlierPaid: '您 {time} 在自助终端缴费 {amount} 元，已成功。',
  earlierPaidPrinted: '凭证已打印，请取走',
  earlierPaidNoReceipt: '凭证未能打印，请到窗口领取',
  earlierFailed: '您 {time} 在自助终端的 {amount} 元缴费未成功，没有扣款。',
  eReceiptTitle: '打印机暂时没有纸，请用手机扫码取电子凭证',
  eReceiptBody: '电子凭证与纸质凭证效力相同；稍后不会再打印这张凭证',
};

const en: SameKeys<typeof zhCN> = {
  charging: 'Taking the payment — please stay here and do not remove your bank card',
  chargingSub: 'The result will show here and your receipt will print',
  pendingTitle: 'A payment for this account is still being confirmed',
  pendingBody:
    'The bank has not yet confirmed the {amount} yuan paid at {time}. To avoid paying twice, you cannot pay again until it does.',
  pendingNext: 'The result will show on your next visit, or ask at a counter with your account number',
  earlierPaid: 'Your payment of {amount} yuan at this kiosk at {time} went through.',
  earlierPaidPrinted: 'Your receipt has printed — please take it',
  earlierPaidNoReceipt: 'The receipt could not print — please collect it at a counter',
  earlierFailed: 'Your payment of {amount} yuan at this kiosk at {time} did not go through. Nothing was taken.',
  eReceiptTitle: 'The printer is out of paper — scan the code with your phone for your e-receipt',
  eReceiptBody: 'The e-receipt counts as the paper one; this receipt will not print later',
};

export default { 'zh-CN': zhCN, en } satisfies MessageModule;
