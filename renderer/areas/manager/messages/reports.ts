import type { MessageModule, SameKeys } from '../../../i18n/message-module';

/** Excel exports, the operations reports and the halls comparison. Nested as `manager.reports` by manager.messages.ts. */
const zhCN = {
  tab: '报表与导出',
  exportExcel: '导出 Excel',
  exporting: '正在导出…',
  exportTitle: '导出表格',
  exportHint: '所选期间的数据导出为 Excel 文件，可在电脑上打开、筛选和打印',
  table: '表格',
  period: '统计期间',
  defaultPeriod: '默认：今天',
  start: '开始日期',
  end: '结束日期',
  tables: { evaluations: '员工评价', kpis: '排队指标', refunds: '退款申请' },
};

const en: SameKeys<typeof zhCN> = {
  tab: 'Reports & exports',
  exportExcel: 'Export to Excel',
  exporting: 'Exporting…',
  exportTitle: 'Export a table',
  exportHint: 'The figures of the chosen period as an Excel file, to open, filter and print on a PC',
  table: 'Table',
  period: 'Period',
  defaultPeriod: 'Default: today',
  start: 'Start date',
  end: 'End date',
  tables: { evaluations: 'Staff evaluations', kpis: 'Queue KPIs', refunds: 'Refund requests' },
};

export default { 'zh-CN': zhCN, en } satisfies MessageModule;
