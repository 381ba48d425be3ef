import { registerMessages } from '../../i18n';

registerMessages({
  'zh-CN': {
    lock: {
      button: '锁屏',
      title: '窗口已锁定',
      sub: '营业员暂时离开，请稍候',
      currentTicket: '当前业务',
      noTicket: '当前没有正在办理的号',
      status: { called: '已叫号', serving: '办理中' },
      pin: '请输入密码解锁',
      unlock: '解锁',
      wrongPin: '密码错误，请重新输入（连续 5 次错误将锁定账号）',
      agent: '{name}（工号 {no}）',
      idle: '{n} 秒无操作将自动锁屏',
    },
  },
  en: {
    lock: {
      button: 'Lock',
      title: 'Window locked',
      sub: 'The agent has stepped away, please wait',
      currentTicket: 'Current ticket',
      noTicket: 'No ticket in service',
      status: { called: 'Called', serving: 'Serving' },
      pin: 'Enter your PIN to unlock',
      unlock: 'Unlock',
      wrongPin: 'Wrong PIN, try again (5 wrong PINs lock the account)',
      agent: '{name} (staff no. {no})',
      idle: 'Locks after {n} s without activity',
    },
  },
});
