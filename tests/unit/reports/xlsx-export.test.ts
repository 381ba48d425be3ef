import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { sheet, workbookBuffer } from '../../../main/reports/xlsx-export';

async function load(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  return wb;
}

describe('the shared streaming Excel export', () => {
  it('writes the preface, a bold header and one row per item with the number formats', async () => {
    const buf = await workbookBuffer([
      sheet<{ name: string; fen: number; rate: number | null }>({
        name: '明细',
        preface: [['城东营业厅 测试'], ['日期', '2027-01-05']],
        columns: [
          { header: '姓名', value: (r) => r.name },
          { header: '金额 (元)', format: 'money', value: (r) => r.fen / 100 },
          { header: '满意率', format: 'percent', value: (r) => r.rate },
        ],
        rows: [
          { name: '张三', fen: 12_345, rate: 0.5 },
          { name: '李四', fen: 0, rate: null },
        ],
      }),
    ]);
    const ws = (await load(buf)).getWorksheet('明细')!;
    expect(ws.getRow(1).getCell(1).value).toBe('城东营业厅 测试');
    expect(ws.getRow(1).font?.bold).toBe(true);
    // Preface, one blank line, then the table.
    expect(ws.getRow(4).values).toEqual([undefined, '姓名', '金额 (元)', '满意率']);
    expect(ws.getRow(4).font?.bold).toBe(true);
    expect(ws.getRow(5).getCell(2).value).toBe(123.45);
    expect(ws.getRow(5).getCell(2).numFmt).toBe('#,##0.00');
    expect(ws.getRow(5).getCell(3).numFmt).toBe('0.0%');
    expect(ws.getRow(6).getCell(3).value).toBeNull();
    expect(ws.rowCount).toBe(6);
  });

  it('takes rows from an async source (pages of a query) across several sheets', async () => {
    async function* pages() {
      for (let page = 0; page < 5; page++) for (let i = 0; i < 1000; i++) yield page * 1000 + i;
    }
    const buf = await workbookBuffer([
      sheet<number>({ name: '一', columns: [{ header: '序号', value: (n) => n }], rows: pages() }),
      sheet<number>({ name: '二', columns: [{ header: '空', value: (n) => n }], rows: [] }),
    ]);
    const wb = await load(buf);
    const one = wb.getWorksheet('一')!;
    expect(one.rowCount).toBe(5001);
    expect(one.getRow(5001).getCell(1).value).toBe(4999);
    expect(wb.getWorksheet('二')!.rowCount).toBe(1);
  });
});
