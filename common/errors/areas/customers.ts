/** Finding customers and changing their contact details, here and across halls. */
export const CUSTOMER_ERRORS = {
  'customer.tooManyLookups': {
    'zh-CN': '查询客户过于频繁，请 {seconds} 秒后再试',
    en: 'Too many customer lookups from this screen. Try again in {seconds} seconds.',
  },
  'customer.notFound': { 'zh-CN': '该客户不存在', en: 'This customer does not exist.' },
  'customer.queryEmpty': {
    'zh-CN': '请输入户号、表号、手机号（或尾号四位）、身份证号或姓名',
    en: 'Enter an account number, meter number, mobile number (or its last four digits), ID number or name.',
  },
  'customer.nameTooLong': { 'zh-CN': '姓名不能超过 {max} 个字', en: 'A name can have at most {max} characters.' },
  'customer.queryNotRecognised': {
    'zh-CN':
      '无法识别“{query}”：户号为 33 开头的 10 位数字，表号为 3301 开头的 14 位数字，手机尾号为 4 位数字，姓名为汉字',
    en: 'Cannot tell what “{query}” is. An account number has 10 digits starting with 33, a meter number 14 digits starting with 3301, a phone tail 4 digits; a name is written in Chinese characters.',
  },
  'customer.nameIndexFailed': {
    'zh-CN': '暂时无法按姓名查询，请按户号、表号或手机号查询',
    en: 'Search by name is not available. Search by account number, meter number or phone number.',
  },
  'customer.nameIndexBuilding': {
    'zh-CN': '姓名索引正在建立（{percent}%），请先按户号、表号或手机号查询',
    en: 'Search by name is being prepared ({percent}%). Meanwhile, search by account number, meter number or phone number.',
  },
  'customer.heldByOtherHall': {
    'zh-CN': '客户编号 {customerId} 已属于另一营业厅',
    en: 'Customer {customerId} already belongs to another hall.',
  },
  'customer.nothingToChange': { 'zh-CN': '没有要修改的联系方式', en: 'There is no contact detail to change.' },
  'customer.lookupValue': {
    'zh-CN': '请提供户号、表号或 64 位十六进制的查询散列',
    en: 'Give an account number, a meter number or a 64-digit hexadecimal lookup hash.',
  },
  'customer.lookupRoleRefused': {
    'zh-CN': '此类终端（{role}）不可查询其他营业厅的客户',
    en: 'This kind of station ({role}) may not look up customers of other halls.',
  },
  'customer.notFoundAnywhere': {
    'zh-CN': '各营业厅均无该客户',
    en: 'No hall has this customer.',
  },
  'customer.fullViewRefused': {
    'zh-CN': '无权查看完整个人信息',
    en: 'You are not allowed to see personal details in full.',
  },
  'customer.searchNotReady': {
    'zh-CN': '客户查询尚未就绪，请稍后再试',
    en: 'Customer search is not ready yet. Please try again shortly.',
  },
  'customer.queryTooLong': {
    'zh-CN': '查询内容不能超过 {max} 个字符',
    en: 'A search can have at most {max} characters.',
  },
} as const;
