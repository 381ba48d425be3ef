/** Logging in, locking the screen, and what a screen or an account may do. */
export const ACCESS_ERRORS = {
  'access.loginRequired': { 'zh-CN': '请先登录', en: 'Please log in first.' },
  'access.wrongCredentials': { 'zh-CN': '工号或密码错误', en: 'The staff number or PIN is wrong.' },
  'access.wrongPin': { 'zh-CN': '密码错误', en: 'The PIN is wrong.' },
  'access.lockedFor': {
    'zh-CN': '密码错误次数过多，账号锁定 {minutes} 分钟',
    en: 'Too many wrong PINs: the account is locked for {minutes} minutes.',
  },
  'access.lockedUntil': {
    'zh-CN': '密码错误次数过多，账号已锁定至 {time}',
    en: 'Too many wrong PINs: the account is locked until {time}.',
  },
  'access.tooManyAttempts': {
    'zh-CN': '本机登录尝试过于频繁，请 {seconds} 秒后再试',
    en: 'Too many login attempts from this screen. Try again in {seconds} seconds.',
  },
  'access.notCounterStaff': { 'zh-CN': '该账号不能登录柜台', en: 'This account cannot log in at a counter.' },
  'access.managersOnly': { 'zh-CN': '仅营业厅主任可登录', en: 'Only the hall manager can log in here.' },
  'access.techniciansOnly': { 'zh-CN': '仅技术员可登录', en: 'Only a technician can log in here.' },
  'access.screenLocked': {
    'zh-CN': '屏幕已锁定，请输入密码解锁',
    en: 'The screen is locked. Enter your PIN to unlock it.',
  },
  'access.screenNotAllowed': { 'zh-CN': '此屏幕不能进行该操作', en: 'This cannot be done from this screen.' },
  'access.accountNotAllowed': {
    'zh-CN': '当前登录的账号无权进行该操作',
    en: 'The account logged in here is not allowed to do this.',
  },
  'access.signedInElsewhere': {
    'zh-CN': '您已在另一个浏览器登录 {windowNo} 号窗口，请先在那里退出登录或关闭那个页面',
    en: 'You are already logged in to window {windowNo} in another browser. Log out there or close that page first.',
  },
  'access.noWindow': { 'zh-CN': '本屏幕未绑定窗口', en: 'This screen is not assigned to a window.' },
  'access.staffNoFormat': { 'zh-CN': '工号为 4–8 位数字', en: 'A staff number has 4 to 8 digits.' },
  'access.pinFormat': { 'zh-CN': '密码为 4–8 位数字', en: 'A PIN has 4 to 8 digits.' },
  'access.managerStaffNoFormat': {
    'zh-CN': '主任工号为 4–8 位数字',
    en: 'The manager’s staff number has 4 to 8 digits.',
  },
  'access.managerPinFormat': { 'zh-CN': '主任密码为 4–8 位数字', en: 'The manager’s PIN has 4 to 8 digits.' },
  'access.wrongManagerCredentials': {
    'zh-CN': '主任工号或密码错误',
    en: 'The manager’s staff number or PIN is wrong.',
  },
  'access.notManager': {
    'zh-CN': '该工号不是营业厅主任，不能审批',
    en: 'This staff number is not a hall manager’s, so it cannot approve.',
  },
  'access.staffNoUnknown': { 'zh-CN': '工号 {staffNo} 不存在', en: 'There is no staff number {staffNo}.' },
  'access.staffNotFound': { 'zh-CN': '该员工不存在', en: 'This staff member does not exist.' },
} as const;
