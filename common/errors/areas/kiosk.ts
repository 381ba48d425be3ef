/**
 * The self-service kiosk, read by a customer (often elderly) standing in front of it: what happened
 * in plain words, and the one thing to do next.
 */
export const KIOSK_ERRORS = {
  'kiosk.identifyFirst': {
    'zh-CN': '请先读取身份证或输入户号',
    en: 'Please place your ID card on the reader or enter your account number first.',
  },
  'kiosk.identifyAgain': {
    'zh-CN': '未找到该户，请重新识别',
    en: 'This account was not found. Please identify yourself again.',
  },
  'kiosk.selfServiceOff': {
    'zh-CN': '本机暂不提供自助服务，请到窗口办理',
    en: 'Self-service is not available at this machine. Please go to a counter.',
  },
  'kiosk.paymentsOff': {
    'zh-CN': '本机暂不能缴费，请到窗口办理',
    en: 'Payments cannot be made at this machine right now. Please go to a counter.',
  },
  'kiosk.noIdReader': {
    'zh-CN': '本机未连接身份证阅读器，请输入户号',
    en: 'This machine has no ID card reader. Please enter your account number.',
  },
  'kiosk.idCardNotRead': {
    'zh-CN': '未读到身份证，请把证件平放在读卡区',
    en: 'Your ID card could not be read. Lay it flat on the reader.',
  },
  'kiosk.noPowerCardReader': {
    'zh-CN': '本机未连接购电卡读写器，请输入户号',
    en: 'This machine has no power card reader. Please enter your account number.',
  },
  'kiosk.powerCardNotRead': {
    'zh-CN': '未读到购电卡，请将购电卡插入读卡口',
    en: 'Your power card could not be read. Insert it into the card slot.',
  },
  'kiosk.noAccountForIdCard': {
    'zh-CN': '未找到该身份证名下的用电户，请输入户号或到窗口咨询',
    en: 'No electricity account was found for this ID card. Enter your account number or ask at a counter.',
  },
  'kiosk.noSuchAccount': {
    'zh-CN': '户号不存在，请核对后重新输入',
    en: 'There is no such account number. Check it and enter it again.',
  },
  'kiosk.accountNoFormat': { 'zh-CN': '户号为 10 位数字', en: 'The account number has 10 digits.' },
  'kiosk.phoneTailFormat': {
    'zh-CN': '请输入登记手机号的后 4 位数字',
    en: 'Enter the last 4 digits of your registered phone number.',
  },
  'kiosk.accountPhoneMismatch': {
    'zh-CN': '户号或手机号后 4 位不对，请核对后重新输入',
    en: 'The account number or the last 4 phone digits do not match. Check them and try again.',
  },
  'kiosk.phoneTailNeeded': {
    'zh-CN': '查缴费记录和开发票需刷身份证，或输入户号和登记手机号后 4 位',
    en: 'For payments and invoices, use your ID card, or enter the account number with the last 4 phone digits.',
  },
  'kiosk.invoiceNotHere': {
    'zh-CN': '这笔缴费不能在本机开发票，请到窗口办理',
    en: 'An invoice for this payment cannot be requested here. Please ask at a counter.',
  },
  'kiosk.invoiceNotPaid': {
    'zh-CN': '这笔缴费尚未成功，暂不能开发票',
    en: 'This payment has not gone through, so no invoice can be issued yet.',
  },
  'kiosk.invoicesOff': {
    'zh-CN': '本机暂不能申请电子发票，请到窗口办理',
    en: 'E-invoices cannot be requested at this kiosk right now. Please ask at a counter.',
  },
  'kiosk.topupInsertCard': {
    'zh-CN': '请先把购电卡插入卡槽，读卡成功后才会扣款',
    en: 'Please insert your power card into the card slot first. Nothing is charged until the card has been read.',
  },
  'kiosk.topupOtherCard': {
    'zh-CN': '卡槽里的购电卡不是这个户号的卡，请换成本户的购电卡。未扣款。',
    en: 'The power card in the slot belongs to another account. Please insert the card for this account. Nothing was charged.',
  },
} as const;
