/** Checks of a filled e-form; `{field}` is the field's label in the reader's language. */
export const FORM_ERRORS = {
  'form.required': { 'zh-CN': '「{field}」为必填项', en: '“{field}” is required.' },
  'form.tooLong': { 'zh-CN': '「{field}」不能超过 {max} 个字', en: '“{field}” can have at most {max} characters.' },
  'form.idLength': {
    'zh-CN': '「{field}」应为 18 位（GB 11643）',
    en: '“{field}” must have 18 characters (GB 11643).',
  },
  'form.idFormat': {
    'zh-CN': '「{field}」格式不正确：17 位数字加一位数字或 X（GB 11643）',
    en: '“{field}” is not valid: it is 17 digits followed by a digit or X (GB 11643).',
  },
  'form.idBirthDate': {
    'zh-CN': '「{field}」中的出生日期无效（GB 11643）',
    en: 'The date of birth in “{field}” is not valid (GB 11643).',
  },
  'form.idCheckDigit': {
    'zh-CN': '「{field}」校验位错误（GB 11643）',
    en: 'The check digit of “{field}” is wrong (GB 11643).',
  },
  'form.phone': {
    'zh-CN': '「{field}」应为 11 位手机号或带区号的固定电话',
    en: '“{field}” must be an 11-digit mobile number or a landline number with its area code.',
  },
  'form.account': {
    'zh-CN': '「{field}」应为 33 开头的 10 位数字',
    en: '“{field}” must be 10 digits starting with 33.',
  },
  'form.meter': {
    'zh-CN': '「{field}」应为 3301 开头的 14 位数字',
    en: '“{field}” must be 14 digits starting with 3301.',
  },
  'form.personName': { 'zh-CN': '「{field}」应为 2–20 个汉字', en: '“{field}” must be 2 to 20 Chinese characters.' },
  'form.amountNotInteger': {
    'zh-CN': '「{field}」应为以分计的整数金额',
    en: '“{field}” must be a whole amount in fen (0.01 yuan).',
  },
  'form.amountTooSmall': { 'zh-CN': '「{field}」不能少于 {min} 元', en: '“{field}” cannot be less than {min} yuan.' },
  'form.amountTooLarge': { 'zh-CN': '「{field}」不能超过 {max} 元', en: '“{field}” cannot be more than {max} yuan.' },
  'form.notANumber': { 'zh-CN': '「{field}」应为数字', en: '“{field}” must be a number.' },
  'form.numberTooSmall': {
    'zh-CN': '「{field}」不能小于 {min}{unit}',
    en: '“{field}” cannot be less than {min}{unit}.',
  },
  'form.numberTooLarge': {
    'zh-CN': '「{field}」不能大于 {max}{unit}',
    en: '“{field}” cannot be more than {max}{unit}.',
  },
  'form.invalidDate': {
    'zh-CN': '「{field}」应为有效日期（YYYY-MM-DD）',
    en: '“{field}” must be a valid date (YYYY-MM-DD).',
  },
  'form.dateInPast': { 'zh-CN': '「{field}」不能早于今天', en: '“{field}” cannot be before today.' },
  'form.chooseOption': { 'zh-CN': '「{field}」请从选项中选择', en: 'Choose “{field}” from the list.' },
  'form.periods': {
    'zh-CN': '「{field}」应为账期 YYYY-MM，多个以逗号分隔',
    en: '“{field}” must be billing months written YYYY-MM, separated by commas.',
  },
  'form.capacityUnchanged': {
    'zh-CN': '「申请容量」不能与「现有容量」相同',
    en: 'The requested capacity cannot be the same as the current capacity.',
  },
  'form.tariffUnchanged': {
    'zh-CN': '「申请电价」不能与「现行电价」相同',
    en: 'The requested tariff cannot be the same as the current tariff.',
  },
  'form.endBeforeStart': {
    'zh-CN': '「结束日期」不能早于「开始日期」',
    en: 'The end date cannot be before the start date.',
  },
  'form.topUpAmountRequired': {
    'zh-CN': '「充值金额」充值时为必填项',
    en: 'For a top-up, the top-up amount is required.',
  },
  'form.unknownField': {
    'zh-CN': '表单「{form}」没有字段 {fieldKey}',
    en: 'The form “{form}” has no field {fieldKey}.',
  },
} as const;
