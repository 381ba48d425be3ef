/** Staff evaluation: the composite score's weights, and appeals against bad ratings. */
export const EVALUATION_ERRORS = {
  'evaluation.weightOutOfRange': {
    'zh-CN': '每项权重须为 0 到 100 之间的整数',
    en: 'Each weight must be a whole number from 0 to 100.',
  },
  'evaluation.weightsAllZero': {
    'zh-CN': '权重不能全部为 0，请至少为一项设置权重',
    en: 'The weights cannot all be 0: give at least one of them a weight.',
  },
  'evaluation.weightsNeedManager': {
    'zh-CN': '只有营业厅主任可以设置评分权重',
    en: 'Only the hall manager can set the score weights.',
  },
  'evaluation.periodTooLong': {
    'zh-CN': '统计时段最长 {max} 天，请缩短时段',
    en: 'A period can be at most {max} days long. Choose a shorter one.',
  },
  'evaluation.agentNotFound': { 'zh-CN': '该员工不存在', en: 'This staff member does not exist.' },
  'evaluation.serviceNotFound': { 'zh-CN': '该业务记录不存在', en: 'This service record does not exist.' },
  'appeal.ratingNotFound': { 'zh-CN': '要申诉的评价不存在', en: 'The rating you want to appeal does not exist.' },
  'appeal.notBadRating': {
    'zh-CN': '只有“不满意”或“非常不满意”的评价可以申诉',
    en: 'Only an “unsatisfied” or “very unsatisfied” rating can be appealed.',
  },
  'appeal.notYourService': {
    'zh-CN': '只能申诉本人办理业务的评价（{ticketNo} 不是您办理的）',
    en: 'You can only appeal ratings of services you gave yourself; {ticketNo} was served by someone else.',
  },
  'appeal.alreadyFiled': {
    'zh-CN': '{ticketNo} 的评价已提出过申诉，每条评价只能申诉一次',
    en: 'The rating of {ticketNo} has already been appealed; a rating can be appealed only once.',
  },
  'appeal.tooLate': {
    'zh-CN': '评价已超过 {days} 天，不能再申诉',
    en: 'This rating is more than {days} days old and can no longer be appealed.',
  },
  'appeal.reasonTooShort': {
    'zh-CN': '请写明申诉理由（至少 4 个字）',
    en: 'Please explain the appeal (at least 4 characters).',
  },
  'appeal.noteTooShort': {
    'zh-CN': '请写明处理意见（至少 2 个字）',
    en: 'Please write a note on your decision (at least 2 characters).',
  },
  'appeal.notFound': { 'zh-CN': '该申诉不存在', en: 'This appeal does not exist.' },
  'appeal.needsManager': {
    'zh-CN': '只有营业厅主任可以处理申诉',
    en: 'Only the hall manager can decide an appeal.',
  },
  'appeal.ownAppeal': {
    'zh-CN': '不能处理本人提出的申诉',
    en: 'You cannot decide an appeal you filed yourself.',
  },
  'appeal.alreadyAccepted': {
    'zh-CN': '该申诉已被采纳，处理结果不可更改',
    en: 'This appeal has already been accepted; the decision cannot be changed.',
  },
  'appeal.alreadyRejected': {
    'zh-CN': '该申诉已被驳回，处理结果不可更改',
    en: 'This appeal has already been rejected; the decision cannot be changed.',
  },
} as const;
