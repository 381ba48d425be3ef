/** Devices at the counter and the kiosk: printer, ID card reader, card writer, signature pad. */
export const DEVICE_ERRORS = {
  'device.timeout': { 'zh-CN': '设备无响应，请检查连接', en: 'The device is not answering. Check its connection.' },
  'device.disconnected': { 'zh-CN': '设备已断开，请重新插好', en: 'The device is disconnected. Plug it in again.' },
  'device.open_failed': { 'zh-CN': '无法打开设备', en: 'The device cannot be opened.' },
  'device.write_failed': { 'zh-CN': '发送数据失败', en: 'Sending data to the device failed.' },
  'device.protocol': {
    'zh-CN': '通信数据校验错误，请重试',
    en: 'The device sent a garbled reply. Please try again.',
  },
  'device.paper_out': {
    'zh-CN': '打印机缺纸，装纸后自动续打',
    en: 'The printer is out of paper. Printing resumes once paper is loaded.',
  },
  'device.cover_open': {
    'zh-CN': '打印机机盖打开，合上后自动续打',
    en: 'The printer cover is open. Printing resumes once it is closed.',
  },
  'device.offline': { 'zh-CN': '打印机离线', en: 'The printer is offline.' },
  'device.no_card': {
    'zh-CN': '未检测到证件，请放好身份证',
    en: 'No ID card found. Place the ID card on the reader.',
  },
  'device.sam_error': { 'zh-CN': '读卡模块故障', en: 'The card reader has a fault.' },
  'device.card_error': {
    'zh-CN': '证件读取失败，请重新放卡',
    en: 'The card could not be read. Place it on the reader again.',
  },
  'device.pad_disconnected': {
    'zh-CN': '签名板已断开，已签笔迹已保留，可改用触摸屏签名',
    en: 'The signature pad was disconnected. What was signed is kept; continue on the touchscreen.',
  },
  'device.unsupported_device': { 'zh-CN': '不支持的设备型号', en: 'This device model is not supported.' },
  'device.noPrinter': {
    'zh-CN': '未配置打印机，请在设备配置中添加',
    en: 'No printer is set up. Add one in the device settings.',
  },
  'device.noSignaturePad': { 'zh-CN': '未配置签名板', en: 'No signature pad is set up.' },
  'device.signatureBusy': { 'zh-CN': '正在采集签名', en: 'A signature is already being captured.' },
  'device.signaturePadOpenFailed': { 'zh-CN': '签名板无法打开', en: 'The signature pad cannot be opened.' },
  'device.signatureTooManyPoints': {
    'zh-CN': '签名点数超过 {max}，请重新签名',
    en: 'The signature has more than {max} points. Please sign again.',
  },
  'device.padSummarySize': {
    'zh-CN': '签名板提示图的大小与宽高不符',
    en: 'The signature pad’s summary image does not match its width and height.',
  },
  'device.noIdReader': { 'zh-CN': '未配置读卡器', en: 'No ID card reader is set up.' },
  'device.noCardWriter': { 'zh-CN': '未连接购电卡读写器', en: 'No power card reader/writer is connected.' },
  'device.noPadAtWindow': {
    'zh-CN': '本窗口未连接签名板，请在触摸屏签名',
    en: 'There is no signature pad at this window. Please sign on the touchscreen.',
  },
  'device.noConfigFile': {
    'zh-CN': '此站点没有设备配置文件',
    en: 'This station has no device configuration file.',
  },
  'device.configInvalid': {
    'zh-CN': '设备配置有误：{problem}',
    en: 'The device configuration has an error: {problem}',
  },
  'device.nothingToReprint': { 'zh-CN': '找不到可补打的小票', en: 'There is no receipt to print again.' },
} as const;
