/** Payments, refunds, invoices and the cash drawer. Amounts are in yuan, formatted by the caller. */
export const PAYMENT_ERRORS = {
  'payment.notFound': { 'zh-CN': '该笔支付不存在', en: 'This payment does not exist.' },
  'payment.alreadySubmitted': { 'zh-CN': '该笔支付已提交', en: 'This payment has already been submitted.' },
  'payment.amountNotInteger': {
    'zh-CN': '金额必须是以分为单位的整数',
    en: 'The amount must be a whole number of fen (0.01 yuan).',
  },
  'payment.amountNotPositive': { 'zh-CN': '金额必须大于 0', en: 'The amount must be more than 0.' },
  'payment.amountTooLarge': { 'zh-CN': '金额超出单笔上限', en: 'The amount is above the limit for one payment.' },
  'payment.tenderedRequired': {
    'zh-CN': '现金支付需填写实收金额',
    en: 'For a cash payment, enter the amount received.',
  },
  'payment.tenderedTooLow': {
    'zh-CN': '实收金额 {tendered} 元不足应收 {amount} 元',
    en: 'The amount received, {tendered} yuan, is less than the {amount} yuan due.',
  },
  'payment.notPrepaid': {
    'zh-CN': '该户不是本地费控（预付费）用户，不能充值',
    en: 'This is not a prepaid account, so it cannot be topped up.',
  },
  'payment.exceedsArrears': {
    'zh-CN': '缴费金额 {amount} 元超过欠费 {owed} 元',
    en: 'The payment of {amount} yuan is more than the {owed} yuan owed.',
  },
  'payment.statusChangeRefused': {
    'zh-CN': '支付已是「{from}」，不能变为「{to}」',
    en: 'The payment is already “{from}” and cannot become “{to}”.',
  },
  'payment.refundOfRequired': {
    'zh-CN': '退款必须指明原支付',
    en: 'A refund must name the payment it refunds.',
  },
  'payment.refundNotApproved': {
    'zh-CN': '退款未经主任审批',
    en: 'This refund has not been approved by the hall manager.',
  },
  'payment.refundTooLarge': {
    'zh-CN': '退款金额 {amount} 元超过可退金额 {refundable} 元',
    en: 'The refund of {amount} yuan is more than the {refundable} yuan that can be refunded.',
  },
  'payment.refundAmountNotPositive': { 'zh-CN': '退款金额必须大于 0', en: 'The refund amount must be more than 0.' },
  'payment.refundNotReversible': { 'zh-CN': '退款不能冲正', en: 'A refund cannot be reversed.' },
  'payment.refundOfRefund': { 'zh-CN': '退款记录不能再退款', en: 'A refund cannot itself be refunded.' },
  'payment.refundNeedsSuccess': {
    'zh-CN': '只有支付成功的记录可以退款',
    en: 'Only a successful payment can be refunded.',
  },
  'payment.refundReasonRequired': { 'zh-CN': '请填写退款原因', en: 'Enter the reason for the refund.' },
  'payment.refundRequestNotFound': { 'zh-CN': '该退款申请不存在', en: 'This refund request does not exist.' },
  'payment.refundNeedsManager': {
    'zh-CN': '退款只能由营业厅主任审批',
    en: 'Only the hall manager can approve a refund.',
  },
  'payment.refundPaymentMissing': {
    'zh-CN': '批准退款时须指明退款支付',
    en: 'Approving a refund needs the refund payment.',
  },
  'payment.invoiceNeedsSuccess': {
    'zh-CN': '只有支付成功的记录可以开具发票',
    en: 'An invoice can only be issued for a successful payment.',
  },
  'payment.invoiceAlreadyRequested': {
    'zh-CN': '该笔支付已申请过发票',
    en: 'An invoice has already been requested for this payment.',
  },
  'payment.invoiceNotFound': { 'zh-CN': '该发票申请不存在', en: 'This invoice request does not exist.' },
  'payment.invoiceAlreadyIssued': { 'zh-CN': '发票已开具', en: 'The invoice has already been issued.' },
  'payment.buyerTitleTooShort': {
    'zh-CN': '发票抬头至少 {min} 个字',
    en: 'The invoice title needs at least {min} characters.',
  },
  'payment.buyerTitleTooLong': {
    'zh-CN': '发票抬头过长（最多 {max} 个字）',
    en: 'The invoice title is too long (at most {max} characters).',
  },
  'payment.invalidTaxId': {
    'zh-CN': '纳税人识别号不是有效的统一社会信用代码',
    en: 'The taxpayer ID is not a valid unified social credit code.',
  },
  'payment.negativeCash': { 'zh-CN': '申报现金不能为负', en: 'Declared cash cannot be negative.' },
  'payment.notEnabled': { 'zh-CN': '本机未启用收费', en: 'Payments are not set up on this station.' },
  'payment.cashOnly': {
    'zh-CN': '未配置支付网关，只能收取现金',
    en: 'No card or QR payment is set up here: only cash can be taken.',
  },
  'payment.idInvalid': { 'zh-CN': '支付编号格式无效', en: 'The payment number is not valid.' },
  'payment.openForAccount': {
    'zh-CN': '您有一笔缴费正在确认中，确认前不能再次缴费。结果会在您下次办理时显示，也可到柜台查询。',
    en: 'A payment for this account is still being confirmed. You cannot pay again until it is. The result is shown on your next visit, or ask at a counter.',
  },
  'payment.earlierSucceeded': {
    'zh-CN': '您刚才的一笔 {amount} 元缴费已经成功，本次没有扣款。请查看欠费后再决定是否继续。',
    en: 'Your earlier payment of {amount} yuan went through, so nothing was taken this time. Check what you owe before paying again.',
  },
  'payment.idTaken': { 'zh-CN': '支付编号已被使用', en: 'This payment number is already in use.' },
  'payment.amountNotANumber': { 'zh-CN': '金额必须是数字', en: 'The amount must be a number.' },
  'payment.tenderedNegative': { 'zh-CN': '实收金额不能为负', en: 'The amount received cannot be negative.' },
  'payment.cashNotQueried': { 'zh-CN': '现金支付无需查询', en: 'A cash payment has nothing to check.' },
  'payment.noReceipt': { 'zh-CN': '只有成功的支付有凭证', en: 'Only a successful payment has a receipt.' },
  'payment.reverseNeedsSuccess': {
    'zh-CN': '只有支付成功的缴费/充值可以冲正',
    en: 'Only a successful payment or top-up can be reversed.',
  },
  'payment.reverseSameDayOnly': {
    'zh-CN': '只能冲正当日的支付，往日请走退款',
    en: 'Only today’s payments can be reversed. For an earlier one, make a refund.',
  },
  'payment.reverseHasRefunds': {
    'zh-CN': '该笔支付已有退款申请，不能冲正',
    en: 'This payment has a refund request, so it cannot be reversed.',
  },
  'payment.reverseReasonRequired': {
    'zh-CN': '请填写冲正原因（至少 {min} 个字）',
    en: 'Enter the reason for the reversal (at least {min} characters).',
  },
  'payment.refundDecided': {
    'zh-CN': '该退款申请已{decision}',
    en: 'This refund request has already been {decision}.',
  },
  'payment.taxIdLength': { 'zh-CN': '纳税人识别号为 18 位', en: 'The taxpayer ID has 18 characters.' },
  'payment.ownReconciliationOnly': {
    'zh-CN': '只能查看本人的日结',
    en: 'You can only see your own daily reconciliation.',
  },
  'payment.gatewayTimeout': {
    'zh-CN': '支付网关超时，结果未知，请查询确认',
    en: 'The payment provider did not answer in time. The result is unknown: check the payment to find out.',
  },
  'payment.gatewayUnreachable': { 'zh-CN': '支付网关无法连接', en: 'The payment provider cannot be reached.' },
  'payment.gatewayRefused': { 'zh-CN': '支付网关拒绝：{reason}', en: 'The payment provider refused: {reason}' },
  'payment.gatewayMalformed': {
    'zh-CN': '支付网关应答格式错误',
    en: 'The payment provider’s answer could not be read.',
  },
  'payment.gatewayNoOrder': { 'zh-CN': '支付网关无此订单', en: 'The payment provider has no such order.' },
  'payment.status.created': { 'zh-CN': '已创建', en: 'Created' },
  'payment.status.pending': { 'zh-CN': '支付中', en: 'Paying' },
  'payment.status.succeeded': { 'zh-CN': '支付成功', en: 'Paid' },
  'payment.status.failed': { 'zh-CN': '支付失败', en: 'Failed' },
  'payment.status.timed_out': { 'zh-CN': '支付超时（待查询）', en: 'Timed out (to be checked)' },
  'payment.status.reversed': { 'zh-CN': '已冲正', en: 'Reversed' },
  'payment.decision.approved': { 'zh-CN': '批准', en: 'approved' },
  'payment.decision.rejected': { 'zh-CN': '驳回', en: 'rejected' },
} as const;
