import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { makeTempDir } from '../tests/support/hall-fixture';
import { figure, type BenchResult } from './harness';

/**
 * Excel export of 100,000 rows (ten columns: times, names, business types, numbers with formats),
 * through the shared streaming exporter against an ordinary in-memory exceljs Workbook of the same
 * rows, each in a fresh process (export-memory.child.ts): peak resident memory and time. The
 * streamed file is then opened with exceljs and its row count checked, so a fast but broken writer
 * cannot pass.
 */
export async function exportBench(o: { rows?: number } = {}): Promise<BenchResult> {
  const rows = o.rows ?? 100_000;
  const dir = makeTempDir('bench-export-');
  const run = (mode: 'stream' | 'buffered') => {
    const out = path.join(dir, `${mode}.xlsx`);
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', path.join(import.meta.dirname, 'export-memory.child.ts'), mode, String(rows), out],
      { encoding: 'utf8', maxBuffer: 1 << 20 },
    );
    if (r.status !== 0) throw new Error(`export child ${mode} failed: ${r.stderr}`);
    return {
      ...(JSON.parse(r.stdout.trim().split('\n').at(-1)!) as {
        ms: number;
        peakRssMb: number;
        startRssMb: number;
        bytes: number;
      }),
      out,
    };
  };
  console.log(`  ${rows} rows, streamed…`);
  const stream = run('stream');
  console.log(`  ${rows} rows, in-memory workbook…`);
  const buffered = run('buffered');
  const check = new ExcelJS.Workbook();
  await check.xlsx.readFile(stream.out);
  const written = check.getWorksheet('明细')!.rowCount - 1;
  if (written !== rows) throw new Error(`streamed workbook holds ${written} rows, expected ${rows}`);
  fs.rmSync(dir, { recursive: true, force: true });
  const growth = (x: { peakRssMb: number; startRssMb: number }) => x.peakRssMb - x.startRssMb;
  return {
    bench: 'export',
    figures: [
      figure(
        `peak memory growth, ${rows.toLocaleString('en')}-row export, streamed`,
        growth(stream),
        'MB',
        { name: 'in-memory workbook', value: growth(buffered) },
        {
          note: `peak RSS ${stream.peakRssMb.toFixed(0)} vs ${buffered.peakRssMb.toFixed(0)} MB; fresh process each; file opened and ${written} rows counted`,
        },
      ),
      figure(
        `export time, ${rows.toLocaleString('en')} rows, streamed`,
        stream.ms,
        'ms',
        {
          name: 'in-memory workbook',
          value: buffered.ms,
        },
        { note: `${(stream.bytes / 2 ** 20).toFixed(1)} MiB .xlsx` },
      ),
    ],
  };
}
