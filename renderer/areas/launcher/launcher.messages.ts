import type { MessageModule, SameKeys } from '../../i18n/message-module';

/** The launcher: one card per role. */
const zhCN = {
  launcher: {
    title: '营业厅运营终端',
    subtitle: '请选择本终端的角色。每台设备打开与其用途对应的页面。',
    open: '打开',
    pickWindow: '选择窗口',
    roles: {
      kiosk: { name: '自助终端', desc: '客户自助取号；竖屏触摸，大字体、高对比、适老化。' },
      counter: { name: '柜台', desc: '营业员叫号、重呼、开始与办结业务，查看等候情况。' },
      rate: { name: '评价器', desc: '柜台旁的客户屏：展示营业员信息与办理进度，办结后客户评价。' },
      display: { name: '叫号屏', desc: '大厅电视：显示并语音播报叫号、各窗口办理情况与等候人数。' },
      guide: { name: '引导台', desc: '引导员查看等候情况，为老年人等客户代取号（含绿色通道）。' },
      manager: { name: '主任', desc: '营业厅主任查看员工服务评价、满意率与评价覆盖率。' },
      devices: { name: '设备', desc: '技术员查看打印机状态、最近小票，打印测试页。' },
    },
  },
};

const en: SameKeys<typeof zhCN> = {
  launcher: {
    title: 'Hall Console',
    subtitle: 'Choose the role of this terminal. Each device opens the page for its job.',
    open: 'Open',
    pickWindow: 'Pick a window',
    roles: {
      kiosk: { name: 'Kiosk', desc: 'Customers take tickets; portrait touch screen, large type, high contrast.' },
      counter: { name: 'Counter', desc: 'Agents call, recall, start and finish services and see the queue.' },
      rate: { name: 'Rating screen', desc: 'Customer screen at the counter: agent, progress, then the rating.' },
      display: { name: 'Calling display', desc: 'Hall TV: shows and announces calls, windows and waiting counts.' },
      guide: { name: 'Guidance desk', desc: 'Guides watch the queue and issue tickets for customers (green channel).' },
      manager: { name: 'Manager', desc: 'The hall manager reviews staff ratings, satisfaction and coverage.' },
      devices: { name: 'Devices', desc: 'Technicians check the printer, recent receipts, print a test page.' },
    },
  },
};

export default { 'zh-CN': zhCN, en } satisfies MessageModule;
