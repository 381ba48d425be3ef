/** Pairing browser screens with the station, and their credentials. */
export const PAIRING_ERRORS = {
  'pairing.codeUnknown': {
    'zh-CN': '没有等待配对的屏幕显示此配对码，请核对新屏幕上的数字',
    en: 'No screen waiting to pair shows this code. Check the digits on the new screen.',
  },
  'pairing.requestGone': {
    'zh-CN': '该配对请求已结束（屏幕已关闭或已超时）',
    en: 'This pairing request has ended (the screen was closed or the request expired).',
  },
  'pairing.deviceNotFound': { 'zh-CN': '没有这台已配对的设备', en: 'There is no such paired device.' },
} as const;
