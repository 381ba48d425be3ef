import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { validate } from '@common/api/validate';
import { term } from '@common/errors';
import { AppFailure, err } from '@common/result';
import { HttpError } from '../../../central/http-util';

describe('AppFailure and err', () => {
  it('carry the code, the key, its parameters and the field; the message is the zh-CN text', () => {
    const failure = new AppFailure('conflict', 'queue.windowClosed', { windowNo: 3 }, 'windowNo');
    expect(failure.message).toBe('窗口 3 未开放，请先开放窗口');
    expect(failure.toError()).toEqual({
      code: 'conflict',
      key: 'queue.windowClosed',
      params: { windowNo: 3 },
      message: '窗口 3 未开放，请先开放窗口',
      field: 'windowNo',
    });
    expect(err('not_found', 'payment.notFound')).toEqual({
      ok: false,
      error: { code: 'not_found', key: 'payment.notFound', params: {}, message: '该笔支付不存在' },
    });
  });

  it('take no literal message: a text that is not a catalog key does not compile', () => {
    const literals = () => [
      // @ts-expect-error a literal message, not a catalog key
      new AppFailure('unavailable', '本站未启用收费', 'payments'),
      // @ts-expect-error a literal message, not a catalog key
      err('forbidden', 'IPC call refused'),
      // @ts-expect-error a literal message, not a catalog key
      new HttpError(409, 'gap', 'a mutation is missing'),
      // @ts-expect-error a key whose text has placeholders needs its parameters
      new AppFailure('conflict', 'queue.windowClosed'),
    ];
    expect(literals).toBeTypeOf('function');
  });

  it('comes back whole from its AppError (across a process, out of a validator)', () => {
    const sent = new AppFailure(
      'conflict',
      'queue.ticketClosed',
      { ticketNo: 'A001', state: term('queue.state.finished') },
      'ticketId',
    ).toError();
    const back = AppFailure.fromError(JSON.parse(JSON.stringify(sent)));
    expect(back).toBeInstanceOf(AppFailure);
    expect(back.toError()).toEqual(sent);
    expect(AppFailure.fromError({ code: 'internal', message: 'boom' }).toError()).toEqual({
      code: 'internal',
      message: 'boom',
    });
  });
});

describe('validation messages named by key', () => {
  const Schema = z.object({
    notices: z.array(z.string().max(3, 'queue.noticeTooLong')),
    template: z.string().refine((s) => s.includes('{number}'), {
      message: 'queue.announcementPlaceholders',
      params: { number: '{number}', window: '{window}' },
    }),
    other: z.string().min(2, '至少两个字'),
  });
  const ok = { notices: ['ab'], template: '{number}', other: 'ab' };

  it('become key and parameters, with the bound of the rule', () => {
    expect(validate(Schema, { ...ok, notices: ['abcd'] })).toEqual({
      ok: false,
      error: {
        code: 'validation',
        key: 'queue.noticeTooLong',
        params: { max: 3 },
        message: '每条公告 3 字以内',
        field: 'notices.0',
      },
    });
    expect(validate(Schema, { ...ok, template: 'x' })).toMatchObject({
      ok: false,
      error: {
        key: 'queue.announcementPlaceholders',
        params: { number: '{number}', window: '{window}' },
        message: '播报模板须包含 {number} 和 {window}',
        field: 'template',
      },
    });
  });

  it('any other message (zod’s own, or prose) reads as the general input text, on the field it names', () => {
    expect(validate(Schema, { ...ok, other: 'a' })).toEqual({
      ok: false,
      error: {
        code: 'validation',
        key: 'input.invalid',
        params: {},
        message: '输入内容有误，请检查后重试',
        field: 'other',
      },
    });
    expect(validate(Schema, { ...ok, notices: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'validation', key: 'input.invalid', field: 'notices' },
    });
  });
});

describe('the central’s HttpError', () => {
  it('answers with the key and parameters beside the zh-CN message', () => {
    const e = new HttpError(429, 'rate_limited', 'sync.enrollRateLimited', { seconds: 30 });
    expect(e.body()).toEqual({
      code: 'rate_limited',
      message: '注册尝试过多，请 30 秒后再试',
      key: 'sync.enrollRateLimited',
      params: { seconds: 30 },
    });
    expect(new HttpError(409, 'gap', 'sync.mutationMissing', { mutationId: 7, expected: 5 }).body()).toEqual({
      code: 'gap',
      message: '同步数据缺失：第 7 项之前缺少第 5 项',
      key: 'sync.mutationMissing',
      params: { mutationId: 7, expected: 5 },
    });
  });
});
