/** The station itself: what the hall host cannot do or serve, read by whoever is at the screen. */
export const STATION_ERRORS = {
  'station.internal': {
    'zh-CN': '系统内部错误，请联系技术人员',
    en: 'Something went wrong inside the system. Please call a technician.',
  },
  'station.unknownMethod': { 'zh-CN': '主机不支持此功能', en: 'The hall host does not support this.' },
  'station.malformedCall': {
    'zh-CN': '主机无法识别此请求，请刷新页面',
    en: 'The hall host could not read this request. Reload the page.',
  },
  'station.storageFull': {
    'zh-CN': '存储空间已满，本次操作未保存，请联系技术人员',
    en: 'The disk is full, so this was not saved. Please call a technician.',
  },
  'station.guidanceNotFound': { 'zh-CN': '没有这项业务的办理指引', en: 'There is no guidance for this service.' },
} as const;
