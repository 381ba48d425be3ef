import type { MessageModule, SameKeys } from '../../../i18n/message-module';

/** A customer's past visits and their ratings. Nested as `counter.visits` by counter.messages.ts. */
const zhCN = {
  title: '以往办理与评价',
  count: '共 {n} 次',
  none: '本厅暂无该客户的办理记录',
  date: '日期',
  ticket: '号码',
  type: '业务',
  window: '窗口',
  agent: '营业员',
  handling: '办理时长',
  rating: '评价',
  unrated: '无评价',
  dims: { attitude: '态度', efficiency: '效率', quality: '质量', integrity: '廉洁' },
};

const en: SameKeys<typeof zhCN> = {
  title: 'Past visits and ratings',
  count: '{n} in all',
  none: 'No earlier visits to this hall',
  date: 'Date',
  ticket: 'Ticket',
  type: 'Service',
  window: 'Window',
  agent: 'Agent',
  handling: 'Handling',
  rating: 'Rating',
  unrated: 'Not rated',
  dims: { attitude: 'Attitude', efficiency: 'Efficiency', quality: 'Quality', integrity: 'Integrity' },
};

export default { 'zh-CN': zhCN, en } satisfies MessageModule;
