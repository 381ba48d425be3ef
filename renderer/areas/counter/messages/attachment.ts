import type { MessageModule, SameKeys } from '../../../i18n/message-module';

/**
 * Opening an application's documents at the counter (preview dialog, download). Nested as `counter.attachment` by
 * counter.messages.ts.
 */
const zhCN = {
  actions: '操作',
  preview: '预览',
  download: '下载',
  title: '附件预览',
  file: '文件名',
  size: '大小',
  uploadedAt: '上传时间',
  digest: 'SHA-256',
  audited: '每次查看和下载均记录审计（工号、附件、用途）',
  verified: '内容与上传时一致',
  wlt: '身份证照片为读卡器原始 WLT 格式，需厂商解码库才能显示，可下载交由解码工具查看',
  pdfFallback: '若 PDF 未显示，请下载后查看',
  loading: '正在解密…',
  close: '关闭',
  zoomIn: '原始大小',
  zoomFit: '适应窗口',
};

const en: SameKeys<typeof zhCN> = {
  actions: 'Actions',
  preview: 'Preview',
  download: 'Download',
  title: 'Attachment preview',
  file: 'File name',
  size: 'Size',
  uploadedAt: 'Uploaded',
  digest: 'SHA-256',
  audited: 'Every view and download is audited (staff number, document, purpose)',
  verified: 'Content matches the upload',
  wlt: "The ID card photo is the reader's raw WLT image: it needs the vendor's decoder; download it for the decoding tool",
  pdfFallback: 'If the PDF does not show, download it',
  loading: 'Decrypting…',
  close: 'Close',
  zoomIn: 'Actual size',
  zoomFit: 'Fit to window',
};

export default { 'zh-CN': zhCN, en } satisfies MessageModule;
