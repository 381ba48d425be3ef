/** Applications (e-forms), their signatures and attachments, and the public progress page. */
export const APPLICATION_ERRORS = {
  'application.notFound': { 'zh-CN': '该申请不存在', en: 'This application does not exist.' },
  'application.alreadySubmitted': {
    'zh-CN': '申请 {applicationNo} 已提交，不能再保存草稿',
    en: 'Application {applicationNo} has already been submitted and can no longer be saved as a draft.',
  },
  'application.submittedAs': {
    'zh-CN': '该申请已提交，编号为 {applicationNo}',
    en: 'This application has already been submitted as {applicationNo}.',
  },
  'application.numberTaken': {
    'zh-CN': '申请编号 {applicationNo} 已被占用',
    en: 'Application number {applicationNo} is already in use.',
  },
  'application.notSubmitted': {
    'zh-CN': '申请尚未提交',
    en: 'The application has not been submitted yet.',
  },
  'application.statusChangeRefused': {
    'zh-CN': '申请 {applicationNo} 不能从「{from}」变为「{to}」',
    en: 'Application {applicationNo} cannot go from “{from}” to “{to}”.',
  },
  'application.notSignable': {
    'zh-CN': '申请 {applicationNo} 当前为「{status}」，不能签字',
    en: 'Application {applicationNo} is “{status}” and cannot be signed.',
  },
  'application.notAmendable': {
    'zh-CN': '申请 {applicationNo} 当前为「{status}」，不能修改',
    en: 'Application {applicationNo} is “{status}” and cannot be changed.',
  },
  'application.contentChanged': {
    'zh-CN': '表单内容已变化，请重新发送核对',
    en: 'The form has changed. Send it to the customer for review again.',
  },
  'application.signatureRequestNotFound': {
    'zh-CN': '该签字请求不存在',
    en: 'This signature request does not exist.',
  },
  'application.alreadySigned': {
    'zh-CN': '已签字，签名不可更改',
    en: 'This has already been signed; a signature cannot be changed.',
  },
  'application.signatureForOtherContent': {
    'zh-CN': '签名与核对的内容不符',
    en: 'The signature does not belong to the content that was reviewed.',
  },
  'application.changedSinceReview': {
    'zh-CN': '表单在核对后已修改，请重新核对后签字',
    en: 'The form was changed after the review. Review it again, then sign.',
  },
  'application.closedForAttachments': {
    'zh-CN': '申请 {applicationNo} 已办结，不能再添加附件',
    en: 'Application {applicationNo} is closed; no more attachments can be added.',
  },
  'application.tooManyAttachments': {
    'zh-CN': '每个申请最多 {max} 个附件',
    en: 'An application can have at most {max} attachments.',
  },
  'application.fileEmpty': { 'zh-CN': '文件「{fileName}」是空的', en: 'The file “{fileName}” is empty.' },
  'application.fileTooLarge': {
    'zh-CN': '文件「{fileName}」超过 {maxMb} MB',
    en: 'The file “{fileName}” is larger than {maxMb} MB.',
  },
  'application.fileTypeRefused': {
    'zh-CN': '文件「{fileName}」不是 PDF、JPEG 或 PNG',
    en: 'The file “{fileName}” is not a PDF, JPEG or PNG.',
  },
  'application.fileNameMismatch': {
    'zh-CN': '文件名「{fileName}」与文件内容（{fileType}）不符',
    en: 'The name “{fileName}” does not match what the file contains ({fileType}).',
  },
  'application.rejectReasonRequired': {
    'zh-CN': '驳回需要填写原因',
    en: 'Enter a reason for rejecting the application.',
  },
  'application.amendReasonRequired': { 'zh-CN': '请填写修改原因', en: 'Enter the reason for the change.' },
  'application.attachmentKindUnknown': {
    'zh-CN': '「{form}」没有附件类别 {kind}',
    en: 'The form “{form}” has no attachment type {kind}.',
  },
  'application.attachmentKindInvalid': { 'zh-CN': '附件类别无效', en: 'The attachment type is not valid.' },
  'application.uploadTooLarge': { 'zh-CN': '文件超过 {maxMb} MB', en: 'The file is larger than {maxMb} MB.' },
  'application.fileNotReadable': {
    'zh-CN': '文件内容无法读取，请重新选择文件',
    en: 'The file’s content cannot be read. Choose the file again.',
  },
  'application.noRecentIdCard': {
    'zh-CN': '没有最近读取的身份证，请先读卡',
    en: 'No ID card has been read recently. Read the card first.',
  },
  'application.attachmentNotFound': { 'zh-CN': '该附件不存在', en: 'This attachment does not exist.' },
  'application.attachmentUnreadable': {
    'zh-CN': '附件无法解密，可能已损坏',
    en: 'The attachment cannot be opened; it may be damaged.',
  },
  'application.attachmentAltered': {
    'zh-CN': '附件校验失败，内容与上传时不一致',
    en: 'The attachment no longer matches what was uploaded; it may be damaged.',
  },
  'application.signatureEmpty': { 'zh-CN': '请先签名', en: 'Please sign first.' },
  'application.otherWindowRequest': {
    'zh-CN': '不是本窗口的签字请求',
    en: 'This signature request belongs to another window.',
  },
  'application.notAwaitingHere': {
    'zh-CN': '该签字请求不在本窗口待签',
    en: 'This signature request is not waiting to be signed at this window.',
  },
  'application.notAwaitingSignature': {
    'zh-CN': '该表单已签名或已修改，无需再签',
    en: 'This form has already been signed or has changed since; there is nothing to sign.',
  },
  'application.status.draft': { 'zh-CN': '草稿', en: 'Draft' },
  'application.status.submitted': { 'zh-CN': '已提交', en: 'Submitted' },
  'application.status.accepted': { 'zh-CN': '已受理', en: 'Accepted' },
  'application.status.in_progress': { 'zh-CN': '办理中', en: 'In progress' },
  'application.status.completed': { 'zh-CN': '已办结', en: 'Completed' },
  'application.status.rejected': { 'zh-CN': '已驳回', en: 'Rejected' },
  'application.trackNotFound': {
    'zh-CN': '未找到该申请，请核对二维码或拨打 95598',
    en: 'This application was not found. Check the QR code or call 95598.',
  },
  'application.trackExpired': {
    'zh-CN': '该查询链接已过期，请拨打 95598 或到营业厅查询',
    en: 'This link has expired. Call 95598 or ask at the service hall.',
  },
  'application.trackTooManyRequests': {
    'zh-CN': '查询过于频繁，请稍后再试',
    en: 'Too many requests. Please try again in a moment.',
  },
  'application.trackUnavailable': {
    'zh-CN': '暂时无法查询，请稍后再试',
    en: 'Progress cannot be looked up right now. Please try again later.',
  },
} as const;
