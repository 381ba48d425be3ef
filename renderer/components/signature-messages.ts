import { registerMessages } from '../i18n';

registerMessages({
  'zh-CN': {
    signature: {
      hint: '请在框内签名',
      clear: '清除',
      confirm: '确认',
      blank: '请先签名',
      strokes: '{n} 笔',
    },
  },
  en: {
    signature: {
      hint: 'Please sign inside the box',
      clear: 'Clear',
      confirm: 'Confirm',
      blank: 'Please sign first',
      strokes: '{n} strokes',
    },
  },
});
