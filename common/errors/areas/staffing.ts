/** The staffing forecast's settings. */
export const STAFFING_ERRORS = {
  'staffing.weeksRange': {
    'zh-CN': '参考历史为 1 至 52 周',
    en: 'Base the forecast on 1 to 52 weeks of history.',
  },
  'staffing.goalRange': {
    'zh-CN': '服务水平目标为 50% 至 99%',
    en: 'Set the service-level goal between 50% and 99%.',
  },
} as const;
