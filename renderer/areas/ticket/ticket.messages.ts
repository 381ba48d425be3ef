import type { MessageModule, SameKeys } from '../../i18n/message-module';

/** The public page of one ticket's place in the queue (the slip's QR code). */
const zhCN = {
  ticket: {
    title: '我的排队进度',
    ahead: '前面还有',
    people: '人',
    wait: '预计等候',
    minutes: '分钟',
    called: '请到 {n} 号窗口办理',
    done: '本号已结束：{status}',
    live: '实时更新',
  },
};

const en: SameKeys<typeof zhCN> = {
  ticket: {
    title: 'My place in the queue',
    ahead: 'Ahead of you',
    people: '',
    wait: 'Estimated wait',
    minutes: 'min',
    called: 'Please go to window {n}',
    done: 'This ticket is closed: {status}',
    live: 'Live',
  },
};

export default { 'zh-CN': zhCN, en } satisfies MessageModule;
