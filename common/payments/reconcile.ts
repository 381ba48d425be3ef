import type { Reconciliation, ReconDifference } from '../api/payment-schemas';
import { formatYuan } from './money';
import { CHANNEL_NAMES, STATUS_NAMES, type PaymentChannel, type PaymentKind, type PaymentStatus } from './states';

/** One payment order as the system has it (refunds point at the payment they refund). */
export interface ReconOrder {
  id: string;
  kind: PaymentKind;
  channel: PaymentChannel;
  accountNo: string;
  amountFen: number;
  status: PaymentStatus;
  refundOf: string | null;
  createdAt: string;
  staffNo: string;
}

/** One agent's cash declaration of the day (whole-hall reconciliation). */
export interface AgentDeclaration {
  staffNo: string;
  name: string;
  declaredCashFen: number | null;
}

export interface StatementLine {
  merchantOrderId: string;
  amountFen: number;
}

/** Signed net money a system order moved: payments in, refunds out, a reversal cancels. */
function systemNet(o: ReconOrder): number {
  if (o.status !== 'succeeded') return 0; // reversed nets to zero; failed/unknown moved nothing (yet)
  return o.kind === 'refund' ? -o.amountFen : o.amountFen;
}

const viaGateway = (c: PaymentChannel): boolean => c === 'bank_card' || c === 'qr';

/**
 * Daily reconciliation (日结对账): the system's records vs the declared cash drawer vs the gateway's
 * statement. Gateway money is compared per merchant order (the original payment's id; refunds are
 * booked under it), so every difference names the payment and its likely cause.
 * `statement` is null when the gateway could not be asked; `ownIds` limits which statement lines
 * belong to this reconciliation (one agent's), others are not ours to explain.
 */
export function reconcile(input: {
  day: string;
  orders: ReconOrder[];
  declaredCashFen: number | null;
  statement: StatementLine[] | null;
  /** Whole-hall reconciliation: statement lines with no system order are differences too. */
  wholeHall: boolean;
  /**
   * Whole hall: every agent's declaration. The drawer is checked agent by agent, so one agent's
   * shortage is never hidden by another's overage; `declaredCashFen` is then ignored.
   */
  declarations?: AgentDeclaration[];
}): Omit<Reconciliation, 'staff' | 'statementError'> {
  const { orders, statement } = input;
  const differences: ReconDifference[] = [];
  const byId = new Map(orders.map((o) => [o.id, o]));
  const anchor = (o: ReconOrder): string => (o.kind === 'refund' && o.refundOf ? o.refundOf : o.id);

  const systemByOrder = new Map<string, number>();
  for (const o of orders)
    if (viaGateway(o.channel)) systemByOrder.set(anchor(o), (systemByOrder.get(anchor(o)) ?? 0) + systemNet(o));
  const gatewayByOrder = new Map<string, number>();
  for (const l of statement ?? [])
    gatewayByOrder.set(l.merchantOrderId, (gatewayByOrder.get(l.merchantOrderId) ?? 0) + l.amountFen);

  const byChannel = (['cash', 'bank_card', 'qr', 'prepaid_card'] as const)
    .map((channel) => {
      const mine = orders.filter((o) => o.channel === channel && o.status === 'succeeded');
      return { channel, count: mine.length, netFen: mine.reduce((s, o) => s + systemNet(o), 0) };
    })
    .filter((c) => c.count > 0);

  const cashOf = (list: ReconOrder[]): number =>
    list.filter((o) => o.channel === 'cash').reduce((s, o) => s + systemNet(o), 0);
  const systemCashFen = cashOf(orders);
  const declarations = input.declarations ? agentDrawers(orders, input.declarations, cashOf) : [];
  if (input.declarations)
    for (const d of declarations) {
      const who = `${d.name}（${d.staffNo}）`;
      differences.push(...drawerDifference(d.systemCashFen, d.declaredCashFen, who));
    }
  else differences.push(...drawerDifference(systemCashFen, input.declaredCashFen, ''));
  const declaredCashFen = input.declarations
    ? declarations.some((d) => d.declaredCashFen !== null)
      ? declarations.reduce((s, d) => s + (d.declaredCashFen ?? 0), 0)
      : null
    : input.declaredCashFen;

  for (const o of orders) {
    if (o.status === 'timed_out' || o.status === 'pending' || o.status === 'created') {
      differences.push({
        kind: 'unresolved',
        paymentId: o.id,
        amountFen: 0,
        cause: `${CHANNEL_NAMES[o.channel]} ${formatYuan(o.amountFen)} 元状态为「${STATUS_NAMES[o.status]}」，须向网关查询确认 (unresolved)`,
      });
    }
  }

  const systemGatewayFen = [...systemByOrder.values()].reduce((s, n) => s + n, 0);
  if (statement) {
    const ids = new Set([...systemByOrder.keys(), ...(input.wholeHall ? gatewayByOrder.keys() : [])]);
    for (const id of ids) {
      const sys = systemByOrder.get(id) ?? 0;
      const gw = gatewayByOrder.get(id) ?? 0;
      if (sys === gw) continue;
      const o = byId.get(id);
      if (!o)
        differences.push({
          kind: 'gateway_only',
          paymentId: id,
          amountFen: gw,
          cause: `网关对账单有 ${formatYuan(gw)} 元，系统无此支付 (not in the system)`,
        });
      else if (sys === 0)
        differences.push({
          kind: 'gateway_only',
          paymentId: id,
          amountFen: gw - sys,
          cause: `网关已入账 ${formatYuan(gw)} 元，系统状态为「${STATUS_NAMES[o.status]}」(gateway has it, system does not)`,
        });
      else if (gw === 0)
        differences.push({
          kind: 'system_only',
          paymentId: id,
          amountFen: gw - sys,
          cause: `系统记为成功 ${formatYuan(sys)} 元，网关对账单无此笔 (missing from the statement)`,
        });
      else
        differences.push({
          kind: 'amount_mismatch',
          paymentId: id,
          amountFen: gw - sys,
          cause: `金额不符：系统 ${formatYuan(sys)} 元，网关 ${formatYuan(gw)} 元 (amounts differ)`,
        });
    }
  }

  const lines = orders.map((o) => ({
    paymentId: o.id,
    kind: o.kind,
    channel: o.channel,
    accountNo: o.accountNo,
    amountFen: o.amountFen,
    status: o.status,
    createdAt: o.createdAt,
    staffNo: o.staffNo,
    systemNetFen: systemNet(o),
    gatewayNetFen: statement && viaGateway(o.channel) && o.kind !== 'refund' ? (gatewayByOrder.get(o.id) ?? 0) : null,
  }));
  const statementFen = statement
    ? [...gatewayByOrder.entries()]
        .filter(([id]) => input.wholeHall || systemByOrder.has(id))
        .reduce((s, [, n]) => s + n, 0)
    : null;
  return {
    day: input.day,
    byChannel,
    systemCashFen,
    declaredCashFen,
    systemGatewayFen,
    statementFen,
    lines,
    differences,
    declarations,
  };
}

/** Every agent who declared or holds cash in the system, with both figures. */
function agentDrawers(
  orders: ReconOrder[],
  declared: AgentDeclaration[],
  cashOf: (list: ReconOrder[]) => number,
): Reconciliation['declarations'] {
  const byStaff = new Map(declared.map((d) => [d.staffNo, d]));
  const staffNos = new Set([...byStaff.keys(), ...orders.filter((o) => o.channel === 'cash').map((o) => o.staffNo)]);
  return [...staffNos].sort().map((staffNo) => {
    const d = byStaff.get(staffNo);
    return {
      staffNo,
      name: d?.name ?? staffNo,
      systemCashFen: cashOf(orders.filter((o) => o.staffNo === staffNo)),
      declaredCashFen: d?.declaredCashFen ?? null,
    };
  });
}

/** The drawer against the system: undeclared, short or over (`who` names the agent on the whole-hall view). */
function drawerDifference(systemCashFen: number, declaredCashFen: number | null, who: string): ReconDifference[] {
  const prefix = who ? `${who}：` : '';
  if (declaredCashFen === null)
    return systemCashFen === 0
      ? []
      : [
          {
            kind: 'cash_undeclared',
            paymentId: null,
            amountFen: -systemCashFen,
            cause: `${prefix}尚未申报现金，系统现金 ${formatYuan(systemCashFen)} 元 (cash drawer not declared)`,
          },
        ];
  const d = declaredCashFen - systemCashFen;
  if (d === 0) return [];
  return [
    {
      kind: d < 0 ? 'cash_short' : 'cash_over',
      paymentId: null,
      amountFen: d,
      cause:
        d < 0
          ? `${prefix}现金短款 ${formatYuan(-d)} 元：钱箱少于系统记录 (drawer short)`
          : `${prefix}现金长款 ${formatYuan(d)} 元：钱箱多于系统记录 (drawer over)`,
    },
  ];
}
