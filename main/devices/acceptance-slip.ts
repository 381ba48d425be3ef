import { escpos } from '../../devices/printer/escpos-encoder';

/** ESC/POS bytes of the acceptance slip (受理回执): title lines centred, fields left, the follow-up QR. */
export function acceptanceSlipBytes(slip: { lines: string[]; qr: string }): Uint8Array {
  const [hall = '', title = '', ...body] = slip.lines;
  const out = escpos().init().chineseMode(true).align('center').bold(true).line(hall).doubleSize(true).line(title).doubleSize(false).bold(false).align('left');
  for (const l of body) out.line(l.startsWith('---') ? '-'.repeat(32) : l);
  return out.align('center').newline().qr(slip.qr, { size: 6 }).newline().chineseMode(false).feed(3).cut('partial').encode();
}
