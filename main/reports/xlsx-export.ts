import fs from 'node:fs';
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';

/** How a column's numbers are shown in Excel. */
export type CellFormat = 'money' | 'percent' | 'integer' | 'decimal';

const NUM_FMT: Record<CellFormat, string> = {
  money: '#,##0.00',
  percent: '0.0%',
  integer: '0',
  decimal: '0.0',
};

export type CellValue = string | number | null;

export interface ExportColumn<R> {
  header: string;
  width?: number;
  format?: CellFormat;
  value(row: R): CellValue;
}

/**
 * One worksheet: optional lines above the table (a title, the period, label/value pairs; the first
 * is bold), then a bold header row and one row per item. `rows` may be an async iterable, so a caller
 * can feed pages of a query without holding them all.
 */
export interface ExportSheet<R = never> {
  name: string;
  preface?: CellValue[][];
  columns: ExportColumn<R>[];
  rows: Iterable<R> | AsyncIterable<R>;
}

/** A sheet of any row type, for lists of sheets whose rows differ. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnySheet = ExportSheet<any>;

/** Builds a sheet with its row type checked against its columns. */
export const sheet = <R>(s: ExportSheet<R>): AnySheet => s;

/**
 * Writes the sheets as one .xlsx into `out` with exceljs's streaming writer: each row is committed
 * (serialised into the zip) as soon as it is added, so memory stays bounded by a row, not the table.
 * Shared strings are off for the same reason: their table would grow with every distinct text.
 */
export async function writeWorkbook(sheets: AnySheet[], out: Writable): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'Hall Console';
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    ws.columns = s.columns.map((c) => ({ width: c.width ?? 14 }));
    (s.preface ?? []).forEach((line, i) => {
      const row = ws.addRow(line);
      if (i === 0) row.font = { bold: true, size: 14 };
      row.commit();
    });
    if (s.preface?.length) ws.addRow([]).commit();
    const header = ws.addRow(s.columns.map((c) => c.header));
    header.font = { bold: true };
    header.commit();
    for await (const item of s.rows) {
      const row = ws.addRow(s.columns.map((c) => c.value(item)));
      s.columns.forEach((c, i) => {
        if (c.format) row.getCell(i + 1).numFmt = NUM_FMT[c.format];
      });
      row.commit();
    }
    ws.commit();
  }
  await wb.commit();
}

/** The workbook as bytes (the station API sends exports as base64); the zip is built row by row. */
export async function workbookBuffer(sheets: AnySheet[]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      done();
    },
  });
  await writeWorkbook(sheets, sink);
  return Buffer.concat(chunks);
}

/** The workbook straight to a file: nothing of it is held in memory beyond the row being written. */
export async function workbookFile(sheets: AnySheet[], file: string): Promise<void> {
  const out = fs.createWriteStream(file);
  const closed = new Promise<void>((resolve, reject) => {
    out.once('close', resolve);
    out.once('error', reject);
  });
  await writeWorkbook(sheets, out);
  await closed;
}

/** Fen (分) to yuan for a money column. */
export const yuan = (fen: number | null): number | null => (fen === null ? null : fen / 100);
