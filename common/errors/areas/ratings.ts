/** Service ratings on the customer screen. */
export const RATING_ERRORS = {
  'rating.notFound': { 'zh-CN': '该评价不存在', en: 'This rating does not exist.' },
  'rating.reasonRequired': {
    'zh-CN': '不满意评价需要填写原因',
    en: 'Please tell us why you are not satisfied.',
  },
  'rating.notFinished': {
    'zh-CN': '{ticketNo} 尚未办结，不能评价',
    en: 'Ticket {ticketNo} is not finished yet, so it cannot be rated.',
  },
  'rating.alreadyRated': {
    'zh-CN': '{ticketNo} 已评价，评价不可更改',
    en: 'Ticket {ticketNo} has already been rated; a rating cannot be changed.',
  },
  'rating.noDimension': { 'zh-CN': '至少选择一项分项评价', en: 'Choose at least one of the detailed ratings.' },
  'rating.notRated': {
    'zh-CN': '{ticketNo} 未评价，不能补充分项评价',
    en: 'Ticket {ticketNo} has not been rated, so details cannot be added.',
  },
  'rating.dimensionsGiven': {
    'zh-CN': '{ticketNo} 分项评价已提交，评价不可更改',
    en: 'The detailed rating for {ticketNo} has been given and cannot be changed.',
  },
  'rating.dimensionsTooLate': {
    'zh-CN': '{ticketNo} 评价已超过 {minutes} 分钟，不能补充分项评价',
    en: 'Ticket {ticketNo} was rated more than {minutes} minutes ago; details can no longer be added.',
  },
  'rating.notAwaiting': {
    'zh-CN': '{ticketNo} 不是本窗口刚办结的业务，不能评价',
    en: 'Ticket {ticketNo} is not the one this window just finished, so it cannot be rated here.',
  },
  'rating.otherWindow': {
    'zh-CN': '{ticketNo} 不是本窗口的评价',
    en: 'The rating of {ticketNo} belongs to another window.',
  },
  'rating.ticketOtherWindow': {
    'zh-CN': '{ticketNo} 不是本窗口的业务',
    en: 'Ticket {ticketNo} was not served at this window.',
  },
} as const;
