import { catalogTree } from '@common/errors';
import type { MessageModule, SameKeys } from './message-module';

/**
 * API errors as sentences (utils/errors.ts), part of the entry chunk since errors come from any area:
 * the generic text of each error code, `errors.<code>`, and the error catalog (common/errors) under
 * its keys, `t('errors.queue.windowClosed', { windowNo: 3 })`. `errors.locale` names the language
 * itself, so a parameter given in both languages is picked with `t` alone.
 */
const zhCN = {
  errors: {
    validation: '输入有误：{message}',
    forbidden: '无权执行此操作',
    unauthenticated: '请先登录',
    not_found: '未找到：{message}',
    conflict: '操作冲突：{message}',
    locked: '账号已锁定：{message}',
    unknown_method: '主机不支持此功能',
    unavailable: '暂时无法连接营业厅主机，请稍后再试',
    device_error: '设备故障：{message}',
    storage_error: '数据存储出错，请联系技术人员',
    internal: '系统内部错误，请联系技术人员',
  },
};

const en: SameKeys<typeof zhCN> = {
  errors: {
    validation: 'Invalid input: {message}',
    forbidden: 'Not allowed',
    unauthenticated: 'Please log in first',
    not_found: 'Not found: {message}',
    conflict: 'Conflict: {message}',
    locked: 'Account locked: {message}',
    unknown_method: 'The hall host does not support this',
    unavailable: 'Cannot reach the hall host right now, please try again shortly',
    device_error: 'Device fault: {message}',
    storage_error: 'Storage error, please call a technician',
    internal: 'Internal error, please call a technician',
  },
};

export default {
  'zh-CN': { errors: { ...zhCN.errors, ...catalogTree('zh-CN'), locale: 'zh-CN' } },
  en: { errors: { ...en.errors, ...catalogTree('en'), locale: 'en' } },
} satisfies MessageModule;
