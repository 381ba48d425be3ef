/**
 * The slips the hall prints, as ESC/POS bytes. Kept to commands every Chinese 58/80 mm printer
 * knows. Times are printed in hall time (common/time/hall-time.ts, the station's zone) — the printer
 * has no clock and the customer reads the wall clock.
 */
import { maskName } from '@common/domain/mask';
import { hallDateTime, instantMs } from '@common/time/hall-time';
import { escpos, EscPosEncodeError } from './escpos-encoder';

export interface TicketSlipInput {
  hallName: string;
  /** e.g. "A001" */
  ticketNo: string;
  /** e.g. "电费缴纳" */
  businessName: string;
  waitingAhead: number;
  /** Estimated wait in whole minutes, printed when known. */
  estimatedWaitMin?: number;
  /** ISO 8601 instant. */
  issuedAt: string;
  /** The ticket's live position page, for checking the queue on a phone. */
  qrUrl?: string;
  notice?: string;
  /** The number came from the kiosk's own offline block: said under it, so a customer who compares slips understands. */
  offlineNumber?: boolean;
}

/** Under a number from a kiosk's offline block (the hall's numbering service did not answer in time). */
export const OFFLINE_NUMBER_LINE = '离线取号 Offline number';

export interface TemplateOptions {
  /** The hall's IANA time zone for printed times (default Asia/Shanghai). */
  timeZone?: string;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** "2025-03-01 09:05:07" in hall time, whatever zone the station PC runs in. */
export function formatLocalTime(iso: string, timeZone?: string): string {
  if (!Number.isFinite(instantMs(iso))) throw new EscPosEncodeError(`not an ISO time: ${iso}`);
  return hallDateTime(iso, timeZone, { seconds: true });
}

/** Integer fen → "1234.50". Money is integer fen everywhere; this is the only place it becomes yuan. */
export function formatYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new EscPosEncodeError(`amount must be an integer number of fen, got ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${pad(abs % 100)}`;
}

/** Every slip starts the same: reset, centred Chinese text, the hall's name in bold. */
const slipHead = (hallName: string) =>
  escpos().init().align('center').chineseMode(true).bold(true).line(hallName).bold(false);

export function ticketSlip(input: TicketSlipInput, options: TemplateOptions = {}): Uint8Array {
  if (!Number.isInteger(input.waitingAhead) || input.waitingAhead < 0) {
    throw new EscPosEncodeError(`waitingAhead must be a non-negative integer, got ${input.waitingAhead}`);
  }
  const slip = slipHead(input.hallName)
    .newline()
    .doubleSize(true)
    .bold(true)
    .line(input.ticketNo)
    .bold(false)
    .doubleSize(false);
  if (input.offlineNumber) slip.line(OFFLINE_NUMBER_LINE);
  slip.line(input.businessName).newline().line(`您前面还有 ${input.waitingAhead} 人等候`);
  if (input.estimatedWaitMin !== undefined && Number.isInteger(input.estimatedWaitMin) && input.estimatedWaitMin >= 0)
    slip.line(`预计等候约 ${input.estimatedWaitMin} 分钟`);
  slip.line(formatLocalTime(input.issuedAt, options.timeZone));
  if (input.qrUrl) slip.newline().qr(input.qrUrl, { size: 6 }).line('扫码查看实时排队进度');
  if (input.notice) slip.newline().line(input.notice);
  return slip.chineseMode(false).feed(3).cut('partial').encode();
}

export type PaymentChannel = 'cash' | 'bank_card' | 'qr' | 'prepaid_card';

export const PAYMENT_CHANNEL_NAMES: Record<PaymentChannel, string> = {
  cash: '现金',
  bank_card: '银行卡',
  qr: '扫码支付',
  prepaid_card: '预付卡',
};

export interface PaymentReceiptInput {
  hallName: string;
  receiptNo: string;
  /** 户号 */
  accountNo: string;
  amountFen: number;
  channel: PaymentChannel;
  /** ISO 8601 instant. */
  paidAt: string;
  /** Link to the electronic receipt on the hall's public address; none: no QR is printed. */
  qrUrl?: string | null;
  /** The customer's name, masked (张*三), as every personal datum on paper is. */
  customerName?: string | null;
  /** The billing periods the payment settled ("2025-01、2025-02"). */
  periods?: string[];
  /** Agent or kiosk that took the payment. */
  operator?: string;
  /** 电费缴费凭证 unless given (退款凭证, 购电充值凭证). */
  title?: string;
  /** Cash: what the customer handed over and the change given, fen. */
  tenderedFen?: number | null;
  changeFen?: number | null;
}

export function paymentReceipt(input: PaymentReceiptInput, options: TemplateOptions = {}): Uint8Array {
  const amount = formatYuan(input.amountFen);
  const slip = escpos()
    .init()
    .chineseMode(true)
    .align('center')
    .bold(true)
    .line(input.hallName)
    .line(input.title ?? '电费缴费凭证')
    .bold(false)
    .newline()
    .align('left')
    .line(`户号：${input.accountNo}`);
  if (input.customerName) slip.line(`户名：${input.customerName}`);
  if (input.periods && input.periods.length > 0) slip.line(`电费年月：${input.periods.join('、')}`);
  slip
    .bold(true)
    .line(`金额：${amount} 元`)
    .bold(false)
    .line(`支付方式：${PAYMENT_CHANNEL_NAMES[input.channel]}`)
    .line(`时间：${formatLocalTime(input.paidAt, options.timeZone)}`)
    .line(`票据号：${input.receiptNo}`);
  if (input.tenderedFen != null) slip.line(`实收：${formatYuan(input.tenderedFen)} 元`);
  if (input.changeFen != null) slip.line(`找零：${formatYuan(input.changeFen)} 元`);
  if (input.operator) slip.line(`操作员：${input.operator}`);
  slip.newline().align('center');
  if (input.qrUrl) slip.qr(input.qrUrl, { size: 5 }).line('扫码查看电子凭证');
  return slip.newline().line('请妥善保管此凭证').chineseMode(false).feed(3).cut('partial').encode();
}

export interface AcceptanceSlipInput {
  hallName: string;
  /** 申请编号 / 受理号, e.g. "SQ202503010001". */
  applicationNo: string;
  /** e.g. "低压居民新装" */
  businessName: string;
  /** Printed masked (张*三), as every personal datum on paper is. */
  applicantName: string;
  /** 户号, when the application concerns an existing account. */
  accountNo?: string;
  /** ISO 8601 instant. */
  acceptedAt: string;
  /** Working days promised for completion (时限). */
  promisedWorkingDays?: number;
  /** Progress link; may hold Chinese (the QR length counts bytes). */
  qrUrl: string;
  operator?: string;
  /** Service hotline printed at the foot. */
  hotline?: string;
}

/** The counter's acceptance printout (common/forms/printout.ts): hall, title, then body lines; "---…" is a rule. */
export interface AcceptanceSlipPrintout {
  lines: string[];
  qr: string;
}

interface AcceptanceLayout {
  hallName: string;
  title: string;
  /** Printed double size under the title (the application number), with its caption. */
  headline?: { value: string; caption: string };
  body: string[];
  qr: string;
  footer: string[];
}

const RULE = '-'.repeat(32);

/** The one 受理回执 encoder: both input shapes below are laid out here. */
function renderAcceptanceSlip(l: AcceptanceLayout): Uint8Array {
  const slip = escpos().init().chineseMode(true).align('center').bold(true).line(l.hallName).line(l.title).bold(false);
  if (l.headline) slip.newline().doubleSize(true).line(l.headline.value).doubleSize(false).line(l.headline.caption);
  slip.newline().align('left');
  for (const line of l.body) slip.line(line.startsWith('---') ? RULE : line);
  slip.newline().align('center').qr(l.qr, { size: 5 }).newline();
  for (const line of l.footer) slip.line(line);
  return slip.chineseMode(false).feed(3).cut('partial').encode();
}

function structuredLayout(input: AcceptanceSlipInput, options: TemplateOptions): AcceptanceLayout {
  if (!input.applicationNo.trim()) throw new EscPosEncodeError('applicationNo must not be empty');
  if (
    input.promisedWorkingDays !== undefined &&
    (!Number.isInteger(input.promisedWorkingDays) || input.promisedWorkingDays <= 0)
  ) {
    throw new EscPosEncodeError(`promisedWorkingDays must be a positive integer, got ${input.promisedWorkingDays}`);
  }
  const body = [`业务：${input.businessName}`, `申请人：${maskName(input.applicantName)}`];
  if (input.accountNo) body.push(`户号：${input.accountNo}`);
  body.push(`受理时间：${formatLocalTime(input.acceptedAt, options.timeZone)}`);
  if (input.promisedWorkingDays) body.push(`承诺时限：${input.promisedWorkingDays} 个工作日`);
  if (input.operator) body.push(`受理人：${input.operator}`);
  const footer = ['扫码查询办理进度', ...(input.hotline ? [`服务热线：${input.hotline}`] : [])];
  return {
    hallName: input.hallName,
    title: '业务受理回执',
    headline: { value: input.applicationNo, caption: '申请编号' },
    body,
    qr: input.qrUrl,
    footer,
  };
}

function printoutLayout(p: AcceptanceSlipPrintout): AcceptanceLayout {
  const [hallName = '', title = '', ...body] = p.lines;
  if (!p.qr) throw new EscPosEncodeError('the acceptance slip needs its follow-up QR');
  return { hallName, title, body, qr: p.qr, footer: [] };
}

/**
 * 业务受理回执: what the customer keeps as proof the hall accepted an application — from the
 * fields (devices page sample) or from the counter's printout lines (the submitted e-form).
 */
export function acceptanceSlip(
  input: AcceptanceSlipInput | AcceptanceSlipPrintout,
  options: TemplateOptions = {},
): Uint8Array {
  return renderAcceptanceSlip('lines' in input ? printoutLayout(input) : structuredLayout(input, options));
}

export interface ChannelSlipInput {
  hallName: string;
  /** The function, e.g. "电费缴纳". */
  title: string;
  /** Where to do it, e.g. "网上国网 App · 交费" or "95598 供电服务热线". */
  channel: string;
  howTo: string;
  /** What the QR code opens; none for counter-only functions. */
  qrUrl: string | null;
  printedAt: string;
}

/** The guide desk's slip: which online channel handles the customer's need, with a QR code to it. */
export function channelSlip(input: ChannelSlipInput, options: TemplateOptions = {}): Uint8Array {
  const slip = slipHead(input.hallName)
    .line('线上办理指引')
    .newline()
    .doubleSize(true)
    .bold(true)
    .line(input.title)
    .bold(false)
    .doubleSize(false)
    .newline()
    .line(input.channel);
  if (input.qrUrl)
    slip
      .newline()
      .qr(input.qrUrl, { size: 6 })
      .line(input.qrUrl.startsWith('tel:') ? `拨打 ${input.qrUrl.slice(4)}` : '扫码办理，无需排队');
  slip
    .newline()
    .align('left')
    .line(input.howTo)
    .align('center')
    .newline()
    .line(formatLocalTime(input.printedAt, options.timeZone));
  return slip.chineseMode(false).feed(3).cut('partial').encode();
}
