/**
 * A new station's initial pull in a process of its own, for the sync bench at 1M: the bench's own
 * process has by then built a million records and keeps their pages, so its RSS could not show
 * what a pull costs a station. `<data-dir> <central-url> <enrollment-code>`; enrols, then times one
 * sync cycle and samples this process's RSS every 20 ms. Prints {ms, growthMb}.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { startStationHost } from '../main/host';
import { SyncClient } from '../main/sync/sync-client';

const [dataDir, centralUrl, enrollCode] = process.argv.slice(2);
const host = await startStationHost({ dataDir: dataDir! });
const client = new SyncClient({
  storage: host.storage,
  centralUrl: centralUrl!,
  enrollCode,
  onApplied: () => {},
  onStatus: () => {},
});
await client.admin('GET', '/v1/stations'); // enrols before anything is timed
v8.setFlagsFromString('--expose-gc');
(vm.runInNewContext('gc') as () => void)();
const before = process.memoryUsage().rss;
let peak = before;
const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
const t0 = performance.now();
client.trigger();
await client.idle();
const ms = performance.now() - t0;
clearInterval(timer);
peak = Math.max(peak, process.memoryUsage().rss);
const status = await client.status();
await host.close();
if (!status.online) throw new Error(`initial pull failed: ${status.lastError}`);
console.log(JSON.stringify({ ms, growthMb: (peak - before) / 2 ** 20 }));
