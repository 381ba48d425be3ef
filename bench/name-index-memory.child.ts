/**
 * One index in a fresh process, for the customer-search bench: `ours <snapshot> <data-dir>` loads our
 * name index snapshot; `flexsearch` builds FlexSearch over the names given on stdin (one a line).
 * Prints {bytes, ms}: retained heap + ArrayBuffer bytes after a forced GC, before and after the index
 * exists, and the time to load (ours) or build (FlexSearch). A fresh process each, so neither pays
 * for the other's heap and no earlier garbage skews the figure.
 */
import fs from 'node:fs';
import v8 from 'node:v8';
import vm from 'node:vm';
import { Charset, Index } from 'flexsearch';
import { NameGramIndex } from '../main/customers/name-gram-index';
import { loadOrCreateKey, PersonalDataCipher } from '../main/security/personal-data-cipher';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
function retained(): number {
  for (let i = 0; i < 3; i++) gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

const [mode, snapshot, dataDir] = process.argv.slice(2);
/** Holds the index alive until after the measurement. */
const kept: unknown[] = [];
if (mode === 'ours') {
  const cipher = new PersonalDataCipher(loadOrCreateKey(dataDir!));
  const hashOf = (g: string) => cipher.hash(`name-gram:${g}`);
  const before = retained();
  const t0 = performance.now();
  const index = NameGramIndex.load(snapshot!, hashOf);
  const ms = performance.now() - t0;
  kept.push(index);
  if (!index) throw new Error('snapshot did not load');
  console.log(JSON.stringify({ bytes: retained() - before, ms }));
} else if (mode === 'flexsearch') {
  const names = fs.readFileSync(0, 'utf8').split('\n');
  const before = retained();
  const t0 = performance.now();
  const fx = new Index({ tokenize: 'full', encoder: Charset.CJK });
  for (let i = 0; i < names.length; i++) fx.add(i + 1, names[i]!);
  const ms = performance.now() - t0;
  kept.push(fx);
  console.log(JSON.stringify({ bytes: retained() - before, ms }));
} else throw new Error(`unknown mode ${mode}`);
