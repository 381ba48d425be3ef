import type http from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { formatYuan } from '@common/payments/money';
import { CHANNEL_NAMES } from '@common/payments/states';
import { hallDateTime } from '@common/time/hall-time';
import type { RateLimiter } from '../../node/limits/fixed-window';
import type { ReceiptModel } from '../services/payment-ledger';

/**
 * The e-receipt: when the kiosk's printer is out of paper the customer scans a QR instead, and
 * the station serves the receipt at the hall's public address, `/r/<token>`. The token is
 * `<base64url(payment id)>.<expiry yyyymmdd>.<MAC>` under the hall's keyed MAC with its own
 * domain, so it can be neither guessed nor derived from a payment id; the page shows masked data only.
 */
export const E_RECEIPT_VALID_DAYS = 90;
const DOMAIN = 'hall-console/e-receipt/v1|';
const MAC_BYTES = 16;
const TOKEN = /^([A-Za-z0-9_-]{8,120})\.(\d{8})\.([A-Za-z0-9_-]{22})$/;
const PATH = /^\/r\/([^/?#]{1,200})$/;

export type Mac = (message: string) => Uint8Array;

const macOf = (mac: Mac, idPart: string, expires: string) =>
  Buffer.from(mac(`${DOMAIN}${idPart}.${expires}`)).subarray(0, MAC_BYTES);

export function issueReceiptToken(mac: Mac, paymentId: string, createdAt: string): string {
  const idPart = Buffer.from(paymentId, 'utf8').toString('base64url');
  const expires = new Date(Date.parse(createdAt) + E_RECEIPT_VALID_DAYS * 86_400_000)
    .toISOString()
    .slice(0, 10)
    .replaceAll('-', '');
  return `${idPart}.${expires}.${macOf(mac, idPart, expires).toString('base64url')}`;
}

/** The payment a token names, or null when it is malformed, forged or expired (one answer for all). */
export function checkReceiptToken(mac: Mac, token: string, today: string): string | null {
  const m = TOKEN.exec(token);
  if (!m) return null;
  const [, idPart, expires, given] = m as unknown as [string, string, string, string];
  const expected = Buffer.from(macOf(mac, idPart, expires).toString('base64url'));
  const got = Buffer.from(given);
  if (got.length !== expected.length || !timingSafeEqual(got, expected)) return null;
  if (today.replaceAll('-', '') > expires) return null;
  const id = Buffer.from(idPart, 'base64url').toString('utf8');
  return Buffer.from(id, 'utf8').toString('base64url') === idPart ? id : null;
}

/** 3317154775 → 33******75: enough for the customer to recognise, nothing for a passer-by. */
export const maskAccountNo = (accountNo: string): string =>
  accountNo.length <= 4
    ? accountNo
    : `${accountNo.slice(0, 2)}${'*'.repeat(accountNo.length - 4)}${accountNo.slice(-2)}`;

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The page: Chinese first, English beside it; dark text on white (well above WCAG AA). */
export function eReceiptPage(r: ReceiptModel, hallName: string, timeZone: string): string {
  const rows: [string, string][] = [
    ['票据号 Receipt no.', r.receiptNo],
    ['户号 Account', maskAccountNo(r.accountNo)],
    ...(r.customerName ? ([['户名 Name', r.customerName]] as [string, string][]) : []),
    ...(r.periods && r.periods.length
      ? ([['电费年月 Billing periods', r.periods.join('、')]] as [string, string][])
      : []),
    ['金额 Amount', `${formatYuan(r.amountFen)} 元`],
    ['支付方式 Paid by', CHANNEL_NAMES[r.channel]],
    ['时间 Time', hallDateTime(r.paidAt, timeZone)],
    ['收款 Taken by', r.operator],
  ];
  const paid = r.status === 'succeeded';
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><title>${escapeHtml(r.title)}</title>
<style>body{font:18px/1.5 system-ui,sans-serif;margin:0;background:#fff;color:#111a1a}main{max-width:34rem;margin:0 auto;padding:1.2rem}
h1{font-size:1.4rem;margin:.2rem 0}p.hall{color:#3c4848;margin:0}p.state{font-weight:700;padding:.6rem .8rem;border-radius:8px}
.ok{background:#e3f5ea;color:#0b4d2c}.no{background:#fde8e6;color:#6d130e}dl{display:grid;grid-template-columns:auto 1fr;gap:.4rem 1rem}
dt{color:#3c4848}dd{margin:0;font-weight:600}footer{color:#3c4848;font-size:.9rem;margin-top:1.2rem}</style></head>
<body><main><p class="hall">${escapeHtml(hallName)}</p><h1>${escapeHtml(r.title)}</h1>
<p class="state ${paid ? 'ok' : 'no'}">${paid ? '已收款 Paid' : '本凭证对应的交易未成功或已作废 This payment did not go through or was cancelled'}</p>
<dl>${rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>
<footer>电子凭证与纸质凭证效力相同，请截图保存。An e-receipt counts as the paper one; keep a screenshot.</footer></main></body></html>`;
}

const NOT_FOUND_PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>凭证不存在</title></head>
<body style="font:18px/1.5 system-ui,sans-serif;color:#111a1a;padding:1.2rem"><h1>找不到这张电子凭证</h1><p>链接可能已过期或不完整，请到营业厅窗口查询。</p>
<p>This e-receipt was not found. The link may have expired or be incomplete; please ask at a counter.</p></body></html>`;

export interface EReceiptsDeps {
  mac: () => Promise<Mac>;
  /** The hall's public address customers' phones reach (station.json `publicBaseUrl`). */
  base: () => string | null | undefined;
  receipt: (paymentId: string) => Promise<ReceiptModel>;
  hallName: () => string;
  timeZone: () => string;
  today: () => string;
}

/** Links for receipts, and the page they open. */
export class EReceipts {
  constructor(private readonly d: EReceiptsDeps) {}

  async url(paymentId: string, createdAt: string): Promise<string | null> {
    const base = this.d.base();
    if (!base) return null;
    return `${base.replace(/\/+$/, '')}/r/${issueReceiptToken(await this.d.mac(), paymentId, createdAt)}`;
  }

  /** `GET /r/<token>`; false for any other request (the static handler serves it). */
  handler(limiter: RateLimiter, log: (line: string) => void = () => {}) {
    return (req: http.IncomingMessage, res: http.ServerResponse): boolean => {
      const m = PATH.exec((req.url ?? '').split('?')[0]!);
      if (!m) return false;
      const send = (status: number, html: string) =>
        res
          .writeHead(status, {
            'content-type': 'text/html; charset=utf-8',
            'cache-control': 'no-store',
            'x-content-type-options': 'nosniff',
            'referrer-policy': 'no-referrer',
            'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
          })
          .end(html);
      if (req.method !== 'GET') {
        res.writeHead(405, { allow: 'GET' }).end();
        return true;
      }
      if (limiter.take(req.socket.remoteAddress ?? '?') > 0) {
        send(429, NOT_FOUND_PAGE);
        return true;
      }
      void (async () => {
        let token = '';
        try {
          token = decodeURIComponent(m[1]!);
        } catch {
          // a broken escape is simply not a token
        }
        const id = checkReceiptToken(await this.d.mac(), token, this.d.today());
        if (!id) return send(404, NOT_FOUND_PAGE);
        const r = await this.d.receipt(id).catch(() => null);
        if (!r) return send(404, NOT_FOUND_PAGE);
        send(200, eReceiptPage(r, this.d.hallName(), this.d.timeZone()));
      })().catch((e: unknown) => {
        log(`e-receipt ${req.url}: ${String(e)}`);
        send(503, NOT_FOUND_PAGE);
      });
      return true;
    };
  }
}
