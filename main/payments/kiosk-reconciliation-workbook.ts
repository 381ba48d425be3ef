import type { KioskReconciliation } from '@common/api/kiosk-schemas';
import { reconciliationWorkbook } from './reconciliation-workbook';

/**
 * The per-kiosk reconciliation as one workbook: the agents' layout (汇总, 差异, 明细) with every
 * kiosk's payments and differences together, and the staff column naming the kiosk.
 */
export function kioskReconciliationWorkbook(
  r: KioskReconciliation,
  hallName: string,
  timeZone?: string,
): Promise<Buffer> {
  const sum = (f: (k: KioskReconciliation['kiosks'][number]) => number) => r.kiosks.reduce((s, k) => s + f(k), 0);
  const channels = new Map<
    string,
    { channel: KioskReconciliation['kiosks'][number]['byChannel'][number]['channel']; count: number; netFen: number }
  >();
  for (const c of r.kiosks.flatMap((k) => k.byChannel)) {
    const was = channels.get(c.channel) ?? { channel: c.channel, count: 0, netFen: 0 };
    channels.set(c.channel, { channel: c.channel, count: was.count + c.count, netFen: was.netFen + c.netFen });
  }
  return reconciliationWorkbook(
    {
      day: r.day,
      staff: { id: 'kiosks', staffNo: `${r.kiosks.length} 台`, name: '自助终端' },
      byChannel: [...channels.values()],
      systemCashFen: 0,
      declaredCashFen: null,
      systemGatewayFen: sum((k) => k.systemGatewayFen),
      statementFen: r.statementError ? null : sum((k) => k.statementFen ?? 0),
      statementError: r.statementError,
      lines: r.kiosks.flatMap((k) => k.lines),
      differences: r.kiosks.flatMap((k) =>
        k.differences.map((d) => ({ ...d, cause: `${k.staff?.name ?? ''}：${d.cause}` })),
      ),
    },
    hallName,
    timeZone,
  );
}
