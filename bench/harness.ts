import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** One benchmark figure: a measured value, the baseline measured in the same run, and their ratio. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number };
  /** value / baseline.value */
  ratio?: number;
  target?: string;
  note?: string;
}

export interface BenchResult {
  bench: string;
  figures: Figure[];
}

export const figure = (
  name: string,
  value: number,
  unit: string,
  baseline?: { name: string; value: number },
  extra: Partial<Figure> = {},
): Figure => ({
  name,
  value,
  unit,
  ...(baseline ? { baseline, ratio: baseline.value === 0 ? Infinity : value / baseline.value } : {}),
  ...extra,
});

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

const fmt = (n: number): string =>
  Number.isInteger(n) ? n.toLocaleString('en-US') : n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(3);

/** Rewrite the bench's own section of BENCHMARKS.md (between its markers), keeping the others. */
export function writeResults(results: BenchResult[], command: string, root: string): void {
  const file = path.join(root, 'BENCHMARKS.md');
  let doc = fs.existsSync(file)
    ? fs.readFileSync(file, 'utf8')
    : '# Benchmarks\n\nEvery figure is a ratio against a baseline measured in the same run, on the same machine.\n';
  const machine = `${process.platform} ${process.arch}, Node ${process.version}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB`;
  for (const r of results) {
    const start = `<!-- bench:${r.bench}:start -->`;
    const end = `<!-- bench:${r.bench}:end -->`;
    const rows = r.figures.map(
      (f) =>
        `| ${f.name} | ${fmt(f.value)} ${f.unit} | ${f.baseline ? `${f.baseline.name}: ${fmt(f.baseline.value)} ${f.unit}` : '—'} | ${f.ratio !== undefined ? `${fmt(f.ratio)}×` : '—'} | ${f.target ?? '—'} | ${f.note ?? ''} |`,
    );
    // The heading and the bench's description stand above the markers and are kept as written.
    const section = [
      start,
      `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine} with \`${command}\`.`,
      '',
      '| figure | value | baseline (same run) | ratio | target | note |',
      '|---|---|---|---|---|---|',
      ...rows,
      end,
    ].join('\n');
    const re = new RegExp(`${start}[\\s\\S]*?${end}`);
    doc = re.test(doc) ? doc.replace(re, section) : `${doc.trimEnd()}\n\n## ${r.bench}\n\n${section}\n`;
  }
  fs.writeFileSync(file, doc);
  fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
  fs.writeFileSync(
    path.join(root, 'bench/results/latest.json'),
    JSON.stringify({ at: new Date().toISOString(), command, results }, null, 2),
  );
}
