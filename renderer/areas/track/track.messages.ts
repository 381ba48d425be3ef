import type { MessageModule, SameKeys } from '../../i18n/message-module';

/** The public application-progress page (the acceptance slip's QR code). */
const zhCN = {
  track: {
    title: '业务办理进度',
    subtitle: '扫描受理回执二维码即可随时查看',
    applicationNo: '申请编号',
    business: '业务类型',
    applicant: '申请人',
    submittedAt: '受理时间',
    progress: '办理进度',
    todo: '您还需要',
    refresh: '刷新',
    updated: '更新于 {time}',
    expires: '本链接有效期至 {day}',
    hotline: '如有疑问请拨打 95598 或到 {hall} 咨询',
    privacy: '为保护您的隐私，个人信息已部分隐藏',
    notReached: '待办理',
    step: { submitted: '提交申请', accepted: '已受理', in_progress: '办理中', completed: '已办结', rejected: '未通过' },
    status: {
      submitted: '已提交，等待受理',
      accepted: '已受理',
      in_progress: '办理中',
      completed: '已办结',
      rejected: '未通过',
    },
    todoText: {
      missingDocument: '补交材料：{document}',
      resign: '申请内容已更正，请到营业厅重新签名确认',
      wait: '无需操作，请耐心等待，办理结果将短信通知您',
      contactHall: '申请未通过，请携带身份证件到营业厅或拨打 95598 了解原因',
      none: '业务已办结，无需其他操作',
    },
    error: {
      not_found: '未找到该申请',
      expired: '查询链接已过期',
      rate_limited: '查询过于频繁',
      unavailable: '暂时无法查询',
    },
    errorHint: {
      not_found: '请核对二维码是否完整，或拨打 95598 凭申请编号查询。',
      expired: '办结已久的申请不再提供在线查询，请拨打 95598 或到营业厅查询。',
      rate_limited: '请稍候片刻再刷新。',
      unavailable: '请检查网络后重试。',
    },
    retry: '重试',
  },
};

const en: SameKeys<typeof zhCN> = {
  track: {
    title: 'Application progress',
    subtitle: 'Scan the QR code on your acceptance slip at any time',
    applicationNo: 'Application no.',
    business: 'Service',
    applicant: 'Applicant',
    submittedAt: 'Accepted at',
    progress: 'Progress',
    todo: 'What you still need to do',
    refresh: 'Refresh',
    updated: 'Updated {time}',
    expires: 'This link is valid until {day}',
    hotline: 'Questions? Call 95598 or visit {hall}',
    privacy: 'Personal details are partly hidden to protect your privacy',
    notReached: 'Pending',
    step: {
      submitted: 'Submitted',
      accepted: 'Accepted',
      in_progress: 'In progress',
      completed: 'Completed',
      rejected: 'Not approved',
    },
    status: {
      submitted: 'Submitted, awaiting acceptance',
      accepted: 'Accepted',
      in_progress: 'In progress',
      completed: 'Completed',
      rejected: 'Not approved',
    },
    todoText: {
      missingDocument: 'Bring the missing document: {document}',
      resign: 'The application was corrected: please sign it again at the hall',
      wait: 'Nothing to do: we will text you the result',
      contactHall: 'Not approved: bring your ID to the hall or call 95598 for the reason',
      none: 'Completed: nothing more to do',
    },
    error: {
      not_found: 'Application not found',
      expired: 'This link has expired',
      rate_limited: 'Too many requests',
      unavailable: 'Temporarily unavailable',
    },
    errorHint: {
      not_found: 'Check that the QR code is complete, or call 95598 with your application number.',
      expired: 'Applications closed long ago are no longer shown online; call 95598 or visit the hall.',
      rate_limited: 'Please wait a moment before refreshing.',
      unavailable: 'Check your connection and try again.',
    },
    retry: 'Try again',
  },
};

export default { 'zh-CN': zhCN, en } satisfies MessageModule;
