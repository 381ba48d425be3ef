import { catalogTree } from '@common/errors';

/**
 * The error catalog (common/errors) as vue-i18n messages under `errors`, beside the generic text
 * of each error code: `t('errors.queue.windowClosed', { windowNo: 3 })`. `errors.locale` names the
 * language itself, so a parameter given in both languages is picked with `t` alone (utils/errors).
 */
export const errorMessages = {
  'zh-CN': { errors: { ...catalogTree('zh-CN'), locale: 'zh-CN' } },
  en: { errors: { ...catalogTree('en'), locale: 'en' } },
};
