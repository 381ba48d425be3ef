/** The sync benches' workload: one payment record, ~300 bytes of JSON (an `audit.append` of `payment.recorded`). */
export const RECORD_AT = '2026-11-23T02:00:00.000Z';

export function paymentRecord(i: number) {
  const no = String(i).padStart(8, '0');
  return {
    id: `pay-${no}-2026112301`,
    at: RECORD_AT,
    stationId: 'counter-03',
    actor: 'S1002',
    action: 'payment.recorded',
    detail: {
      bill: `B2026${no}`,
      account: `3301${no}07`,
      period: '2026-10',
      amount: 12_345 + (i % 9000),
      channel: 'counter',
      method: 'unionpay',
      payer: '张*明',
      receipt: `R${no}`,
      window: 3,
    },
  };
}
