/** Tickets, windows and the queue settings. */
export const QUEUE_ERRORS = {
  'queue.tooManyTickets': {
    'zh-CN': '取号过于频繁，请 {seconds} 秒后再取',
    en: 'Too many tickets from this screen. Please take the next one in {seconds} seconds.',
  },
  'queue.windowRequired': {
    'zh-CN': '{ticketNo} 需要在窗口办理',
    en: 'Ticket {ticketNo} can only be handled at a window.',
  },
  'queue.windowClosed': {
    'zh-CN': '窗口 {windowNo} 未开放，请先开放窗口',
    en: 'Window {windowNo} is not open. Open the window first.',
  },
  'queue.windowPaused': {
    'zh-CN': '窗口 {windowNo} 暂停服务中，请先恢复服务',
    en: 'Window {windowNo} is paused. Resume service first.',
  },
  'queue.windowBusy': {
    'zh-CN': '窗口 {windowNo} 正在办理 {ticketNo}，请先办结',
    en: 'Window {windowNo} is serving {ticketNo}. Finish that ticket first.',
  },
  'queue.windowNotFound': { 'zh-CN': '窗口 {windowNo} 不存在', en: 'There is no window {windowNo}.' },
  'queue.windowSignedInBy': {
    'zh-CN': '{windowNo} 号窗口已由 {staffName}（工号 {staffNo}） 登录，请先由其退出',
    en: 'Window {windowNo} is signed in by {staffName} (staff no. {staffNo}). They need to sign out first.',
  },
  'queue.windowSignedIn': {
    'zh-CN': '{windowNo} 号窗口已有营业员登录，请先由其退出',
    en: 'Another agent is signed in at window {windowNo}. They need to sign out first.',
  },
  'queue.windowNeedsType': {
    'zh-CN': '窗口至少办理一种业务',
    en: 'A window must serve at least one business type.',
  },
  'queue.ticketNotFound': {
    'zh-CN': '该票号不存在或已过期',
    en: 'This ticket does not exist or has expired.',
  },
  'queue.ticketNotAtWindow': {
    'zh-CN': '{ticketNo} 不在窗口 {windowNo}，尚未被任何窗口叫号',
    en: 'Ticket {ticketNo} is not at window {windowNo}: no window has called it.',
  },
  'queue.ticketAtOtherWindow': {
    'zh-CN': '{ticketNo} 在 {heldBy} 号窗口，不在窗口 {windowNo}',
    en: 'Ticket {ticketNo} is at window {heldBy}, not at window {windowNo}.',
  },
  'queue.calledElsewhere': {
    'zh-CN': '{ticketNo} 已被 {heldBy} 号窗口叫号',
    en: 'Ticket {ticketNo} has already been called by window {heldBy}.',
  },
  'queue.cancelAtOtherWindow': {
    'zh-CN': '{ticketNo} 在 {heldBy} 号窗口，只能由该窗口取消',
    en: 'Ticket {ticketNo} is at window {heldBy}. Only that window can cancel it.',
  },
  'queue.ticketChanged': {
    'zh-CN': '{ticketNo} 状态已变化，请刷新后再操作',
    en: 'Ticket {ticketNo} has changed in the meantime. Refresh and try again.',
  },
  'queue.ticketClosed': {
    'zh-CN': '{ticketNo} {state}，不能再操作',
    en: 'Ticket {ticketNo} is {state}; nothing more can be done with it.',
  },
  'queue.wrongState': {
    'zh-CN': '{ticketNo} {state}，不能{action}',
    en: 'Ticket {ticketNo} is {state}, so it cannot be {action}.',
  },
  'queue.timeReversed': {
    'zh-CN': '{ticketNo} 的操作时间早于上一次操作，请检查本机时钟',
    en: 'This action on {ticketNo} is dated before the previous one. Check this computer’s clock.',
  },
  'queue.invalidTime': { 'zh-CN': '时间无效：{time}', en: 'Invalid time: {time}' },
  'queue.callReasonRequired': {
    'zh-CN': '指定叫号 {ticketNo} 需填写原因',
    en: 'Calling {ticketNo} out of turn needs a reason.',
  },
  'queue.typeNotServed': {
    'zh-CN': '窗口 {windowNo} 或当前营业员不办理「{businessType}」业务',
    en: 'Window {windowNo} or its agent does not handle {businessType}.',
  },
  'queue.transferredToWindow': {
    'zh-CN': '{ticketNo} 已转至 {targetWindow} 号窗口',
    en: 'Ticket {ticketNo} has been transferred to window {targetWindow}.',
  },
  'queue.transferredToAgent': {
    'zh-CN': '{ticketNo} 已转给指定营业员',
    en: 'Ticket {ticketNo} has been transferred to a particular agent.',
  },
  'queue.recallLimit': {
    'zh-CN': '{ticketNo} 已重呼 {recalls} 次，达到上限，请标记过号',
    en: 'Ticket {ticketNo} has been called again {recalls} times, the most allowed. Mark it as a no-show.',
  },
  'queue.recallTooSoon': {
    'zh-CN': '{ticketNo} 刚刚叫过，请 {seconds} 秒后再重呼',
    en: 'Ticket {ticketNo} was just called. Wait {seconds} seconds before calling it again.',
  },
  'queue.tooFewCalls': {
    'zh-CN': '{ticketNo} 仅叫号 {calls} 次，需叫满 {required} 次才能过号',
    en: 'Ticket {ticketNo} has been called {calls} times; call it {required} times before marking it a no-show.',
  },
  'queue.transferTargetMissing': {
    'zh-CN': '转移 {ticketNo} 需指定业务、窗口或营业员',
    en: 'To transfer {ticketNo}, choose a business type, a window or an agent.',
  },
  'queue.transferSameWindow': {
    'zh-CN': '{ticketNo} 已在 {windowNo} 号窗口，请选择其他窗口',
    en: 'Ticket {ticketNo} is already at window {windowNo}. Choose another window.',
  },
  'queue.transferSameAgent': {
    'zh-CN': '{ticketNo} 已由该营业员办理，请选择其他营业员',
    en: 'Ticket {ticketNo} is already with this agent. Choose another agent.',
  },
  'queue.stillServing': {
    'zh-CN': '{ticketNo} 正在办理，请先办结再日终结算',
    en: 'Ticket {ticketNo} is still being served. Finish it before closing the day.',
  },
  'queue.unknownBusinessType': {
    'zh-CN': '未知业务类型 {businessType}',
    en: 'Unknown business type {businessType}.',
  },
  'queue.notIssuedToday': {
    'zh-CN': '「{businessType}」今日不取号',
    en: 'No tickets for {businessType} are issued today.',
  },
  'queue.outsideHours': {
    'zh-CN': '「{businessType}」取号时间为 {hours}',
    en: 'Tickets for {businessType} are issued {hours}.',
  },
  'queue.dailyCapReached': {
    'zh-CN': '「{businessType}」今日号已取完（上限 {cap}）',
    en: 'All of today’s tickets for {businessType} have been issued (limit {cap}).',
  },
  'queue.seriesExhausted': {
    'zh-CN': '今日 {prefix} 号段已用完',
    en: 'Today’s {prefix} ticket numbers have run out.',
  },
  'queue.waitingHigh': {
    'zh-CN': '「{businessType}」等候 {waiting} 人，超过预警值 {threshold}',
    en: '{waiting} customers are waiting for {businessType}, above the alert level of {threshold}.',
  },
  'queue.hoursReversed': {
    'zh-CN': '开始时间须早于结束时间',
    en: 'The start time must be before the end time.',
  },
  'queue.prefixFormat': { 'zh-CN': '前缀为一个大写字母', en: 'The prefix is one capital letter.' },
  'queue.announcementPlaceholders': {
    'zh-CN': '播报模板须包含 {number} 和 {window}',
    en: 'The announcement must contain {number} and {window}.',
  },
  'queue.noticeEmpty': { 'zh-CN': '公告不能为空', en: 'A notice cannot be empty.' },
  'queue.noticeTooLong': { 'zh-CN': '每条公告 {max} 字以内', en: 'A notice can have at most {max} characters.' },
  'queue.tooManyNotices': { 'zh-CN': '最多 {max} 条公告', en: 'At most {max} notices.' },

  'queue.appointmentNotFound': { 'zh-CN': '该预约不存在', en: 'This appointment does not exist.' },
  'queue.appointmentUsed': {
    'zh-CN': '该预约已签到或已取消',
    en: 'This appointment has already been checked in or cancelled.',
  },
  'queue.appointmentCheckedIn': { 'zh-CN': '该预约已签到', en: 'This appointment has already been checked in.' },
  'queue.appointmentTypeMismatch': {
    'zh-CN': '预约的业务与所取号的业务不符',
    en: 'The appointment is for a different business type.',
  },
  'queue.noAppointmentToday': {
    'zh-CN': '未找到今日预约，请核对预约码或手机号',
    en: 'No appointment for today was found. Check the appointment code or the phone number.',
  },
  'queue.phoneTailAmbiguous': {
    'zh-CN': '该尾号今日有多位客户预约，请输入完整手机号或预约码',
    en: 'Several customers with these last four digits have an appointment today. Enter the full phone number or the appointment code.',
  },
  'queue.fullPhoneUnavailable': {
    'zh-CN': '本机无法核对完整手机号，请输入预约码',
    en: 'The full phone number cannot be checked here. Enter the appointment code.',
  },
  'queue.appointmentCodeFormat': {
    'zh-CN': '预约码为 6 位字母或数字',
    en: 'An appointment code has 6 letters or digits.',
  },
  'queue.appointmentPhoneFormat': {
    'zh-CN': '手机号为 11 位数字（或后 4 位）',
    en: 'Enter the 11-digit mobile number, or its last 4 digits.',
  },
  'queue.appointmentCodeOrPhone': {
    'zh-CN': '请输入预约码或手机号其中一项',
    en: 'Enter either the appointment code or the phone number.',
  },
  'queue.numberTaken': { 'zh-CN': '票号 {ticketNo} 已发放', en: 'Ticket number {ticketNo} has already been issued.' },
  'queue.offlineNumbersUsedUp': {
    'zh-CN': '本机离线号码已用完，暂时无法取号，请稍后再试或到导引台咨询',
    en: 'This machine has run out of offline ticket numbers. Please try again shortly or ask at the guide desk.',
  },
  'queue.reclassifyNotWaiting': {
    'zh-CN': '{ticketNo} 已不在等候，不能改业务',
    en: 'Ticket {ticketNo} is no longer waiting, so its business type cannot be changed.',
  },
  'queue.alreadyOfType': {
    'zh-CN': '{ticketNo} 已是该业务',
    en: 'Ticket {ticketNo} is already for this business type.',
  },
  'queue.pauseReasonRequired': { 'zh-CN': '暂停服务需填写原因', en: 'Enter a reason for pausing service.' },
  'queue.windowHoldsTicket': {
    'zh-CN': '窗口 {windowNo} 还有 {ticketNo} 未办结，不能关闭',
    en: 'Window {windowNo} still has ticket {ticketNo} open. Finish or transfer it before closing the window.',
  },
  'queue.skillsRequired': { 'zh-CN': '至少选择一种业务', en: 'Choose at least one business type.' },
  'queue.callRace': {
    'zh-CN': '叫号冲突，请重试',
    en: 'Several windows called at the same moment. Please try again.',
  },
  'queue.callReasonMissing': { 'zh-CN': '指定叫号需填写原因', en: 'Calling a ticket out of turn needs a reason.' },

  // Words quoted by the texts above.
  'queue.state.waiting': { 'zh-CN': '等候中', en: 'waiting' },
  'queue.state.called': { 'zh-CN': '已叫号', en: 'called' },
  'queue.state.serving': { 'zh-CN': '办理中', en: 'being served' },
  'queue.state.parked': { 'zh-CN': '已挂起', en: 'parked' },
  'queue.state.finished': { 'zh-CN': '已办结', en: 'finished' },
  'queue.state.no_show': { 'zh-CN': '过号', en: 'a no-show' },
  'queue.state.cancelled': { 'zh-CN': '已取消', en: 'cancelled' },
  'queue.state.abandoned': { 'zh-CN': '日终作废', en: 'voided at day end' },
  'queue.action.call': { 'zh-CN': '叫号', en: 'called' },
  'queue.action.recall': { 'zh-CN': '重呼', en: 'called again' },
  'queue.action.start': { 'zh-CN': '开始办理', en: 'started' },
  'queue.action.finish': { 'zh-CN': '办结（请先开始办理）', en: 'finished (start serving it first)' },
  'queue.action.noShow': { 'zh-CN': '标记过号', en: 'marked a no-show' },
  'queue.action.transfer': { 'zh-CN': '转移', en: 'transferred' },
  'queue.action.park': { 'zh-CN': '挂起', en: 'parked' },
  'queue.action.resume': { 'zh-CN': '恢复办理', en: 'resumed' },
  'queue.action.cancel': { 'zh-CN': '取消', en: 'cancelled' },
  'queue.action.abandon': { 'zh-CN': '作废（过号票保持过号）', en: 'voided (a no-show ticket stays a no-show)' },
} as const;
