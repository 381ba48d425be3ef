import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import { ERROR_CATALOG, term, type ErrorKey } from '@common/errors';
import { AppFailure } from '@common/result';
import errorMessages from '../../../renderer/i18n/errors.messages';
import { precompile } from '../../../renderer/i18n/precompile';
import { errorText } from '../../../renderer/utils/errors';

/** vue-i18n as the renderer sets it up: precompiled messages, the error module merged in. */
function translator(locale: 'zh-CN' | 'en') {
  const i18n = createI18n({
    legacy: false,
    locale,
    messages: {
      'zh-CN': precompile({ errors: { conflict: '冲突：{message}' } }),
      en: precompile({ errors: { conflict: 'Conflict: {message}' } }),
    } as unknown as Record<string, Record<string, string>>,
    missingWarn: false,
    fallbackWarn: false,
  });
  for (const l of ['zh-CN', 'en'] as const)
    i18n.global.mergeLocaleMessage(l, precompile(errorMessages[l]) as unknown as Record<string, string>);
  return (key: string, named?: Record<string, unknown>) => i18n.global.t(key, named ?? {});
}

describe('errorText', () => {
  const closed = new AppFailure('conflict', 'queue.ticketClosed', {
    ticketNo: 'A001',
    state: term('queue.state.finished'),
  }).toError();

  it('translates the key and its parameters, words included, in the reader’s language', () => {
    expect(errorText(translator('en'), closed)).toBe('Ticket A001 is finished; nothing more can be done with it.');
    expect(errorText(translator('zh-CN'), closed)).toBe('A001 已办结，不能再操作');
  });

  it('has every catalog key registered in both languages', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const t = translator(locale);
      for (const key of Object.keys(ERROR_CATALOG) as ErrorKey[]) {
        const text = t(`errors.${key}`);
        expect(text, `${locale} ${key}`).not.toBe(`errors.${key}`);
        expect(text.length, `${locale} ${key}`).toBeGreaterThan(0);
      }
    }
  });

  it('falls back to the generic text of the code around a literal message', () => {
    const literal = { code: 'conflict' as const, message: '窗口 3 未开放' };
    expect(errorText(translator('en'), literal)).toBe('Conflict: 窗口 3 未开放');
    expect(errorText(translator('en'), { message: '没有代码' })).toBe('没有代码');
    expect(errorText(translator('en'), null)).toBe('');
  });
});
