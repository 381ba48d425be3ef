/**
 * What the central refuses because a station's word is not enough: another hall's rows, another
 * station's identity, another hall's records in a pull, too many requests, a hostile body. Read by
 * the technician who looks at a station's rejected changes or at the central's log.
 */
export const SYNC_TRUST_ERRORS = {
  'sync.identityForged': {
    'zh-CN': '「{name}」中的 {field} 与本终端的注册身份不符，中心不予接受',
    en: 'The {field} in “{name}” does not match this station’s enrolled identity, so the central refused it.',
  },
  'sync.ratingBeforeService': {
    'zh-CN': '评价时间早于该号办结时间，不予接受',
    en: 'The rating is dated before its ticket was finished, so it was refused.',
  },
  'sync.ratingTooLate': {
    'zh-CN': '评价时间距该号办结已超过 {hours} 小时，不予接受',
    en: 'The rating is dated more than {hours} hours after its ticket was finished, so it was refused.',
  },
  'sync.staffNotSignedIn': {
    'zh-CN': '工号 {staff} 未在本终端登录，中心不接受以其名义提交的「{name}」',
    en: 'Staff {staff} has not signed in at this station, so the central refused “{name}” made in their name.',
  },
  'sync.ratingRecordedLate': {
    'zh-CN': '按中心时间，该评价产生于号办结 {hours} 小时之后（本终端此前同步时尚无此评价），不予接受',
    en: 'By the central’s clock this rating was made more than {hours} hours after its ticket was finished (the station had synced since without it), so it was refused.',
  },
  'sync.clientIdTaken': {
    'zh-CN': '该终端编号已被另一台已注册终端使用，请在本机重新生成编号后再注册',
    en: 'This station id already belongs to another enrolled station. Give this PC a new station id, then enrol again.',
  },
  'sync.rateLimited': {
    'zh-CN': '请求过于频繁，请 {seconds} 秒后再试',
    en: 'Too many requests. Try again in {seconds} seconds.',
  },
  'sync.bodyTooDeep': {
    'zh-CN': '请求内容嵌套超过 {limit} 层',
    en: 'The request body is nested more than {limit} levels deep.',
  },
  'sync.plainHttpRefused': {
    'zh-CN': '中心地址 {url} 未加密，请改用加密连接并配置营业厅证书',
    en: 'The central address {url} is not encrypted (http). Use https with the hall certificate.',
  },
  'sync.caUnreadable': {
    'zh-CN': '无法读取营业厅根证书 {file}',
    en: 'The hall CA certificate {file} cannot be read.',
  },
} as const;
