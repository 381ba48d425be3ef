import { describe, expect, it } from 'vitest';
import type { EventPayload } from '@common/api/contract';
import { differenceSummary, handlingText } from '../../../renderer/areas/counter/workstation/past-visit-format';
import {
  RESULT_MS,
  nextShownPayment,
  scanSecondsLeft,
  visiblePayment,
} from '../../../renderer/areas/rate/customer-payment';
import { chosenDimensions } from '../../../renderer/areas/rate/types';
import { ratingTagType } from '../../../renderer/utils/rating-tag';

type Changed = EventPayload<'payment.changed'>;
const NOW = Date.parse('2026-11-24T02:00:00.000Z');
const ev = (over: Partial<Changed>): Changed => ({
  paymentId: 'pay-1',
  status: 'pending',
  windowNo: 2,
  qrPayload: null,
  amountFen: 2345,
  ...over,
});

describe('the payment on the customer screen', () => {
  it('a pending QR shows the code to scan until the customer acts, with whole seconds left', () => {
    const shown = nextShownPayment(
      null,
      ev({
        channel: 'qr',
        qrPayload: 'https://pay.example.cn/qr/GW1',
        qrExpiresAt: new Date(NOW + 120_000).toISOString(),
      }),
      NOW,
    )!;
    expect(shown).toMatchObject({
      phase: 'scan',
      qrPayload: 'https://pay.example.cn/qr/GW1',
      until: null,
      amountFen: 2345,
    });
    expect(scanSecondsLeft(shown, NOW)).toBe(120);
    expect(scanSecondsLeft(shown, NOW + 119_001)).toBe(1);
    expect(scanSecondsLeft(shown, NOW + 500_000)).toBe(0);
    expect(visiblePayment(shown, NOW + 3_600_000)).toBe(shown);
  });

  it('the result replaces the QR and leaves after its time; cash stays longer, with received and change', () => {
    const scan = nextShownPayment(null, ev({ channel: 'qr', qrPayload: 'q' }), NOW);
    const ok = nextShownPayment(scan, ev({ status: 'succeeded', channel: 'qr' }), NOW)!;
    expect(ok).toMatchObject({ phase: 'succeeded', qrPayload: null, until: NOW + RESULT_MS.succeeded });
    expect(visiblePayment(ok, NOW + RESULT_MS.succeeded - 1)).toBe(ok);
    expect(visiblePayment(ok, NOW + RESULT_MS.succeeded)).toBeNull();
    const cash = nextShownPayment(
      null,
      ev({ status: 'succeeded', channel: 'cash', tenderedFen: 3000, changeFen: 655 }),
      NOW,
    )!;
    expect(cash).toMatchObject({ phase: 'succeeded', tenderedFen: 3000, changeFen: 655, until: NOW + RESULT_MS.cash });
    expect(RESULT_MS.cash).toBeGreaterThan(RESULT_MS.succeeded);
  });

  it('failed and 超时待查询 are shown as such; a card payment asks for the card', () => {
    expect(nextShownPayment(null, ev({ status: 'failed', channel: 'bank_card' }), NOW)).toMatchObject({
      phase: 'failed',
      until: NOW + RESULT_MS.failed,
    });
    expect(nextShownPayment(null, ev({ status: 'timed_out', channel: 'qr', qrPayload: 'q' }), NOW)).toMatchObject({
      phase: 'timed_out',
      qrPayload: 'q',
    });
    expect(nextShownPayment(null, ev({ channel: 'bank_card' }), NOW)).toMatchObject({ phase: 'card', until: null });
  });

  it('refunds, reversals and a cash top-up being written leave the screen as it was', () => {
    const prev = nextShownPayment(
      null,
      ev({ status: 'succeeded', channel: 'cash', tenderedFen: 3000, changeFen: 655 }),
      NOW,
    );
    expect(
      nextShownPayment(prev, ev({ paymentId: 'pay-2', kind: 'refund', status: 'succeeded', channel: 'cash' }), NOW),
    ).toBe(prev);
    expect(nextShownPayment(prev, ev({ status: 'reversed' }), NOW)).toBe(prev);
    expect(nextShownPayment(prev, ev({ status: 'created' }), NOW)).toBe(prev);
    expect(nextShownPayment(prev, ev({ status: 'pending', channel: 'cash' }), NOW)).toBe(prev);
  });
});

describe('the rating dimensions as sent', () => {
  it('only whole scores 1–5 that were tapped; none tapped is nothing to send', () => {
    expect(chosenDimensions({})).toBeNull();
    expect(chosenDimensions({ attitude: undefined })).toBeNull();
    expect(chosenDimensions({ attitude: 5, quality: 2 })).toEqual({ attitude: 5, quality: 2 });
    expect(chosenDimensions({ attitude: 0, efficiency: 6, quality: 2.5, integrity: 1 })).toEqual({ integrity: 1 });
  });
});

describe('the counter: past visits and the 差异 card', () => {
  it('handling time reads m:ss, — when unfinished', () => {
    expect(handlingText(null)).toBe('—');
    expect(handlingText(40)).toBe('0:40');
    expect(handlingText(3725)).toBe('1:02:05');
  });

  it('the 差异 card counts the differences and sums their amounts, shortfalls and surpluses alike', () => {
    expect(differenceSummary([])).toEqual({ count: 0, totalFen: 0 });
    expect(differenceSummary([{ amountFen: -100 }, { amountFen: 250 }, { amountFen: 0 }])).toEqual({
      count: 3,
      totalFen: 350,
    });
  });

  it('rating levels get their colours: good green, bad red, 未评价 grey', () => {
    expect(
      ['very_satisfied', 'satisfied', 'basic', 'unsatisfied', 'very_unsatisfied', 'none'].map(ratingTagType),
    ).toEqual(['success', 'primary', 'warning', 'danger', 'danger', 'info']);
  });
});
