/** Customer tags, their rules, the fee-recovery risk model and follow-ups. */
export const ANALYTICS_ERRORS = {
  'analytics.ruleUnknownField': {
    'zh-CN': '规则引用了不存在的字段“{field}”',
    en: 'The rule refers to “{field}”, which is not a customer field.',
  },
  'analytics.ruleMalformed': {
    'zh-CN': '规则格式不正确：每个条件须为“字段 比较符 数值”，或由多个条件组合（全部满足、任一满足、不满足）',
    en: 'The rule is not well formed: each condition is “field, comparison, number”, or an all / any / not of conditions.',
  },
  'analytics.ruleBadOp': {
    'zh-CN': '规则的比较符只能是 >=、>、<=、<、=、!=',
    en: 'A rule compares with >=, >, <=, <, = or != only.',
  },
  'analytics.ruleBadValue': { 'zh-CN': '规则中比较的值须为数字', en: 'A rule compares with a number.' },
  'analytics.ruleTooLarge': {
    'zh-CN': '规则过长：最多 {max} 个条件',
    en: 'The rule is too long: at most {max} conditions.',
  },
  'analytics.ruleTooDeep': {
    'zh-CN': '规则嵌套过深：最多 {max} 层',
    en: 'The rule is nested too deeply: at most {max} levels.',
  },
  'analytics.ruleRequired': {
    'zh-CN': '规则类标签须填写规则；手工标签不填规则',
    en: 'A rule tag needs a rule; a manual tag has none.',
  },
  'analytics.tagCodeInvalid': {
    'zh-CN': '标签代码须为 2–32 位小写字母、数字或下划线，以字母开头',
    en: 'A tag code is 2–32 lower-case letters, digits or underscores, starting with a letter.',
  },
  'analytics.tagUnknown': { 'zh-CN': '标签目录中没有“{code}”', en: 'The tag catalogue has no “{code}”.' },
  'analytics.tagNotManual': {
    'zh-CN': '“{name}”由规则计算，不能手工设置或取消',
    en: '“{name}” is computed by its rule; it cannot be set or removed by hand.',
  },
  'analytics.tagReasonRequired': {
    'zh-CN': '请填写设置或取消标签的原因',
    en: 'Please give the reason for setting or removing the tag.',
  },
  'analytics.tagNotSet': { 'zh-CN': '该客户没有“{name}”标签', en: 'This customer does not have the tag “{name}”.' },
  'analytics.noModel': {
    'zh-CN': '风险模型尚未训练，暂按欠费情况评估',
    en: 'No risk model has been trained yet; risk is judged from arrears alone.',
  },
  'analytics.trainTooFewRows': {
    'zh-CN': '可用于训练的客户不足 {min} 户（现有 {rows} 户），沿用上一版模型',
    en: 'Fewer than {min} customers to train on ({rows}); the previous model stays in use.',
  },
  'analytics.trainOneClass': {
    'zh-CN': '训练期内的客户全部按时缴费或全部欠费，无法区分风险，沿用上一版模型',
    en: 'In the training months every customer paid on time, or every one fell into arrears, so risk cannot be told apart; the previous model stays in use.',
  },
  'analytics.trainFailed': {
    'zh-CN': '模型训练失败（{problem}），沿用上一版模型',
    en: 'Training failed ({problem}); the previous model stays in use.',
  },
  'analytics.followupNoteRequired': {
    'zh-CN': '请填写跟进情况',
    en: 'Please describe the follow-up.',
  },
} as const;
