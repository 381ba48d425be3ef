import { registerMessages } from '../../i18n';

registerMessages({
  'zh-CN': {
    kioskRecon: {
      title: '自助终端对账（按终端）',
      sub: '每台自助终端当日的扫码、刷卡收款与网关对账单逐笔核对',
      none: '当日没有自助终端收款',
      payments: '收款笔数',
      diffCount: '差异 {n} 条',
      noDiff: '与网关对账单一致',
      reprint: '补打凭证',
      reprinted: '已补打',
    },
  },
  en: {
    kioskRecon: {
      title: 'Kiosk reconciliation (per kiosk)',
      sub: 'Each kiosk’s QR and card takings of the day, checked line by line against the gateway statement',
      none: 'No kiosk payments on this day',
      payments: 'Payments',
      diffCount: '{n} differences',
      noDiff: 'Matches the gateway statement',
      reprint: 'Reprint receipt',
      reprinted: 'Reprinted',
    },
  },
});
