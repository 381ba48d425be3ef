import { describe, expect, it } from 'vitest';
import { redactText } from '../../../node/log/redact';
import { levelOfLine } from '../../../node/log/level';

describe('redactText', () => {
  it.each([
    ['customer 11010519491231002X not found', 'customer [id-number] not found'],
    ['old card 110105491231002 read', 'old card [id-number] read'],
    ['身份证110105194912310021已读', '身份证[id-number]已读'],
    ['sms to 13812345678 failed', 'sms to [phone] failed'],
    ['sms to +86 13812345678 failed', 'sms to [phone] failed'],
    ['card 6222021234567890123 declined', 'card [card-number] declined'],
    [
      'bad input {"name":"张三","idNumber":"x","windowNo":3}',
      'bad input {"name":"[redacted]","idNumber":"[redacted]","windowNo":3}',
    ],
    ["zod: { name: '李四', address: '北京市朝阳区' }", "zod: { name: '[redacted]', address: '[redacted]' }"],
    ['GET /track?name=王五&t=1', 'GET /track?name=[redacted]&t=1'],
  ])('%s', (input, expected) => {
    expect(redactText(input)).toBe(expected);
  });

  it('leaves ids of our own making, times and counts alone', () => {
    const line =
      'station st-19c2fb8e-40b7 of hall H001 pulled 1234 changes at 2026-12-07T20:30:10.001Z (version 98765)';
    expect(redactText(line)).toBe(line);
  });
});

describe('levelOfLine', () => {
  it.each([
    ['station st-1 of hall H001 ready at http://127.0.0.1:8080', 'info'],
    ['backup written: /data/backups/2026-12-07.db', 'info'],
    ['printer 10.0.0.5:9100 not reachable: ECONNREFUSED', 'warn'],
    ['backup failed: ENOSPC', 'warn'],
    ['security: blocked navigation to https://evil.example', 'warn'],
    ['internal error in queue.issueTicket: TypeError: x is undefined', 'error'],
    ['startup failed: Error: boom', 'error'],
  ])('%s → %s', (line, level) => {
    expect(levelOfLine(line)).toBe(level);
  });
});
