/** Input rules shared by several forms. */
export const INPUT_ERRORS = {
  'input.timeFormat': { 'zh-CN': '时间格式为 HH:MM', en: 'Enter the time as HH:MM.' },
  'input.invalidEmail': { 'zh-CN': '电子邮箱格式不正确', en: 'The email address is not valid.' },
  'input.topicRequired': { 'zh-CN': '请选择或填写咨询主题', en: 'Choose or enter the topic of the consultation.' },
} as const;
