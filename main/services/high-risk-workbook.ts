import ExcelJS from 'exceljs';
import type { HighRiskRow } from '@common/api/customer-insights-schemas';
import { pathText } from '@common/analytics/risk-tree';
import { SEGMENT_WORDS } from '@common/analytics/value';
import { hallDateTime } from '@common/time/hall-time';

const LEVEL = { none: '无', low: '低', medium: '中', high: '高' } as const;
const ACTION = { visit: '上门催费', call: '电话提醒', sms: '短信提醒', watch: '持续关注', none: '无需处理' } as const;
const FOLLOWUP = { reminder: '已催费', visit: '已上门', paid: '已缴清', note: '备注' } as const;

/** The high-risk list as the manager hands it on: one row per customer, masked names only, reasons in words. */
export async function highRiskWorkbook(
  rows: readonly HighRiskRow[],
  hallName: string,
  at: string,
  timeZone?: string,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Hall Console';
  const sheet = wb.addWorksheet('高风险客户');
  sheet.addRow([`${hallName} 电费回收高风险客户（${hallDateTime(at, timeZone)}）`]).font = { bold: true, size: 14 };
  sheet.addRow([]);
  const header = sheet.addRow([
    '户号',
    '客户',
    '风险等级',
    '相似客户欠费比例',
    '判定依据',
    '建议措施',
    '欠费 (元)',
    '客户分群',
    '价值分',
    '最近跟进',
  ]);
  header.font = { bold: true };
  for (const r of rows) {
    const row = sheet.addRow([
      r.accountNo,
      r.nameMasked,
      LEVEL[r.risk.level],
      r.risk.probability === null ? '—' : r.risk.probability,
      pathText({ level: r.risk.level, probability: r.risk.probability ?? NaN, path: r.risk.path }, 'zh-CN'),
      ACTION[r.risk.action],
      r.arrearsFen / 100,
      SEGMENT_WORDS[r.segment]['zh-CN'],
      r.valueScore,
      r.lastFollowup
        ? `${FOLLOWUP[r.lastFollowup.kind as keyof typeof FOLLOWUP] ?? r.lastFollowup.kind} ${hallDateTime(r.lastFollowup.at, timeZone)}`
        : '',
    ]);
    row.getCell(4).numFmt = '0.0%';
    row.getCell(7).numFmt = '#,##0.00';
  }
  [14, 12, 10, 16, 60, 12, 12, 10, 8, 24].forEach((w, i) => (sheet.getColumn(i + 1).width = w));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
