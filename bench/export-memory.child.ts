/**
 * One Excel export of `rows` rows in a fresh process, for the export bench: `stream` through the
 * shared exporter (main/reports/xlsx-export.ts, exceljs's WorkbookWriter), `buffered` through an
 * ordinary exceljs Workbook built in memory and then written. The same columns, formats and values;
 * rows come from a generator in both, as pages of a query would. Prints {ms, peakRssMb, startRssMb,
 * bytes}: peak resident memory (sampled every 10 ms and the kernel's max RSS), a fresh process each so
 * neither pays for the other's heap.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { workbookFile, sheet, type ExportColumn } from '../main/reports/xlsx-export';

const [mode, rowsArg, out] = process.argv.slice(2);
const ROWS = Number(rowsArg);

interface Row {
  at: string;
  staffNo: string;
  name: string;
  ticket: string;
  type: string;
  window: number;
  waitMin: number;
  handleMin: number;
  level: string;
  amount: number;
}
const TYPES = ['电费缴纳', '新装', '增容', '过户', '故障报修', '购电卡充值/补卡'];
const LEVELS = ['非常满意', '满意', '基本满意', '不满意', '非常不满意'];
function* rows(): Generator<Row> {
  const t0 = Date.parse('2026-01-01T01:00:00Z');
  for (let i = 0; i < ROWS; i++)
    yield {
      at: new Date(t0 + i * 37_000).toISOString().replace('T', ' ').slice(0, 19),
      staffNo: String(1001 + (i % 30)),
      name: `营业员${(i % 30) + 1}号`,
      ticket: `A${String(i % 999).padStart(3, '0')}`,
      type: TYPES[i % TYPES.length]!,
      window: (i % 30) + 1,
      waitMin: ((i * 7919) % 3600) / 60,
      handleMin: ((i * 104729) % 1800) / 60,
      level: LEVELS[i % LEVELS.length]!,
      amount: ((i * 31) % 100_000) / 100,
    };
}
const columns: ExportColumn<Row>[] = [
  { header: '时间', width: 20, value: (r) => r.at },
  { header: '工号', width: 8, value: (r) => r.staffNo },
  { header: '姓名', width: 12, value: (r) => r.name },
  { header: '票号', width: 8, value: (r) => r.ticket },
  { header: '业务类型', width: 16, value: (r) => r.type },
  { header: '窗口', width: 6, format: 'integer', value: (r) => r.window },
  { header: '等候 (分钟)', width: 10, format: 'decimal', value: (r) => r.waitMin },
  { header: '办理 (分钟)', width: 10, format: 'decimal', value: (r) => r.handleMin },
  { header: '评价', width: 10, value: (r) => r.level },
  { header: '金额 (元)', width: 12, format: 'money', value: (r) => r.amount },
];

const startRss = process.memoryUsage().rss;
let peak = startRss;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
const t0 = performance.now();
if (mode === 'stream') {
  await workbookFile([sheet<Row>({ name: '明细', columns, rows: rows() })], out!);
} else if (mode === 'buffered') {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('明细');
  ws.columns = columns.map((c) => ({ width: c.width }));
  ws.addRow(columns.map((c) => c.header)).font = { bold: true };
  const fmt = { money: '#,##0.00', integer: '0', decimal: '0.0', percent: '0.0%' } as const;
  for (const r of rows()) {
    const row = ws.addRow(columns.map((c) => c.value(r)));
    columns.forEach((c, i) => c.format && (row.getCell(i + 1).numFmt = fmt[c.format]));
  }
  await wb.xlsx.writeFile(out!);
} else throw new Error(`unknown mode ${mode}`);
const ms = performance.now() - t0;
clearInterval(sampler);
// maxRSS is in KiB; the larger of it and the samples is the peak.
peak = Math.max(peak, process.resourceUsage().maxRSS * 1024);
console.log(
  JSON.stringify({ ms, peakRssMb: peak / 2 ** 20, startRssMb: startRss / 2 ** 20, bytes: fs.statSync(out!).size }),
);
