/** Operations reports and exports: what the manager reads when one cannot be made or found. */
export const REPORT_ERRORS = {
  'reports.notFound': {
    'zh-CN': '没有找到这份报表，请刷新列表后再试',
    en: 'That report was not found. Refresh the list and try again.',
  },
  'reports.futureDay': {
    'zh-CN': '不能为尚未到来的日期生成报表',
    en: 'A report cannot be made for a day that has not come yet.',
  },
  'reports.off': {
    'zh-CN': '本终端不生成运营报表，请在主任工作站查看',
    en: 'This station does not make operations reports. Use the manager workstation.',
  },
  'reports.printFailed': {
    'zh-CN': '报表未能生成 PDF，请稍后重试；如仍失败请联系技术人员',
    en: 'The report could not be printed to PDF. Try again later; if it still fails, call a technician.',
  },
} as const;
