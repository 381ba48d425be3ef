/** Input rules shared by several forms. */
export const INPUT_ERRORS = {
  'input.timeFormat': { 'zh-CN': '时间格式为 HH:MM', en: 'Enter the time as HH:MM.' },
  'input.invalidEmail': { 'zh-CN': '电子邮箱格式不正确', en: 'The email address is not valid.' },
  'input.topicRequired': { 'zh-CN': '请选择或填写咨询主题', en: 'Choose or enter the topic of the consultation.' },
  'input.invalid': {
    'zh-CN': '输入内容有误，请检查后重试',
    en: 'Something in the input is not valid. Check it and try again.',
  },
  'input.dateFormat': { 'zh-CN': '日期格式应为 YYYY-MM-DD', en: 'Enter the date as YYYY-MM-DD.' },
  'input.dateRangeTooLong': {
    'zh-CN': '日期范围不能超过 {max} 天',
    en: 'The date range can be at most {max} days.',
  },
  'input.topicTooLong': { 'zh-CN': '咨询主题不能超过 {max} 个字', en: 'The topic can have at most {max} characters.' },
} as const;
