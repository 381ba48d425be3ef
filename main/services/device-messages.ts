import type { DeviceError, DeviceErrorCode } from '../../devices/transport/transport';

/** What a hall worker reads when a device fails: what happened and what to do, Chinese first. */
const TEXT: Record<DeviceErrorCode, string> = {
  timeout: '设备无响应，请检查连接 (device did not answer in time)',
  disconnected: '设备已断开，请重新插好 (device disconnected)',
  open_failed: '无法打开设备 (cannot open the device)',
  write_failed: '发送数据失败 (write failed)',
  protocol: '通信数据校验错误，请重试 (corrupt reply, e.g. checksum)',
  paper_out: '打印机缺纸，装纸后自动续打 (out of paper; resumes after refill)',
  cover_open: '打印机机盖打开，合上后自动续打 (cover open; resumes when closed)',
  offline: '打印机离线 (printer offline)',
  no_card: '未检测到证件，请放好身份证 (no card on the reader)',
  sam_error: '读卡模块故障 (SAM module error)',
  card_error: '证件读取失败，请重新放卡 (card could not be read; place it again)',
  pad_disconnected: '签名板已断开，已签笔迹已保留，可改用触摸屏签名 (signature pad disconnected; strokes kept)',
  unsupported_device: '不支持的设备型号 (unsupported device)',
};

export const deviceErrorText = (error: DeviceError): string => `${TEXT[error.code] ?? error.code}: ${error.message}`;
