import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { startDemoHall } from '../../hall/demo-hall';
import { DEMO_ID_CARD } from '../../hall/demo-id-card';
import { HALL_CONTROL_PORT, STATION_PORTS } from './hall-ports';
import { RENDERER_DIR, ensureRendererBuilt } from '../../scripts/renderer-build';
import Database from 'better-sqlite3';
import { BUSINESS_TYPE_CODES } from '@common/domain/business-types';
import { centralDbPath, seedDataDir, stationDbPath } from '../../hall/seed/data-dir';
import { DEFAULT_HALL_ID } from '../../hall/seed/hall';

/**
 * The e2e hall: five stations (kiosk, display, counter, rate, manager), each its own station
 * host and database, syncing through one central; a control port lets the tests read what the
 * simulated printer received (raw bytes) and find the stations.
 */

ensureRendererBuilt();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-hall-'));
// Windows 13 and 14 (every business type) for application-track.spec and visit-one-customer.spec, in
// the e2e hall only (not the demo seed): seeded here before the hall starts, so every station copies
// them from the template.
// Four weeks of queue history, not the demo's year: the charts have data and the stations start quickly.
seedDataDir({ dataDir, customers: 200, queueHistoryDays: 28 });
for (const file of [centralDbPath(dataDir), stationDbPath(dataDir)]) {
  const db = new Database(file);
  for (const windowNo of [13, 14])
    db.prepare('INSERT INTO windows (hall_id, window_no, name, business_types, open) VALUES (?, ?, ?, ?, 1)').run(
      DEFAULT_HALL_ID,
      windowNo,
      `${windowNo}号窗口`,
      JSON.stringify(BUSINESS_TYPE_CODES),
    );
  db.close();
}
const hall = await startDemoHall({
  dataDir,
  customers: 200,
  rendererDir: RENDERER_DIR,
  stations: Object.entries(STATION_PORTS).map(([name, port]) => ({ name, port })),
  log: (l) => console.log(l),
  // Every spec's screens reach the stations from 127.0.0.1, one source for the whole suite; the
  // budgets themselves are tested in tests/security.
  limits: { loginAttempts: [], tickets: [], customerLookups: [] },
});

const control = http.createServer((req, res) => {
  const send = (body: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  if (req.url === '/healthz') return send({ ok: true });
  if (req.url === '/stations')
    return send(Object.fromEntries(Object.entries(hall.stations).map(([n, s]) => [n, s.url])));
  // Device faults on command, for the devices page spec: /devices/<station>/card-on|card-off, /printer/paper-out|paper-in.
  const reader = /^\/devices\/(\w+)\/(card-on|card-off)$/.exec(req.url ?? '');
  if (reader && hall.readers[reader[1]!]) {
    if (reader[2] === 'card-on') hall.readers[reader[1]!]!.insertCard({ fields: DEMO_ID_CARD });
    else hall.readers[reader[1]!]!.removeCard();
    return send({ ok: true });
  }
  // The next signature capture at <station> is unplugged after two strokes (signature.spec).
  const pad = /^\/pads\/(\w+)\/unplug-mid-signature$/.exec(req.url ?? '');
  if (pad && hall.pads[pad[1]!]) {
    hall.pads[pad[1]!]!.unplugMidSignature(2);
    return send({ ok: true });
  }
  // Counter flow: POST /devices/<station>/card with card fields (JSON): the card is taken off, the
  // reader's next poll sees the reader empty, then this card goes on, so the counter gets a fresh read.
  const custom = /^\/devices\/(\w+)\/card$/.exec(req.url ?? '');
  if (custom && req.method === 'POST' && hall.readers[custom[1]!]) {
    const sim = hall.readers[custom[1]!]!;
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const fields = { ...DEMO_ID_CARD, ...(JSON.parse(body) as Partial<typeof DEMO_ID_CARD>) };
      sim.removeCard();
      // Two polls: the first may be answered before the card is gone; the second surely finds it gone.
      let polls = 0;
      const off = sim.onCommand((c) => {
        if (c.name !== 'findCard' || ++polls < 2) return;
        off();
        sim.insertCard({ fields });
        send({ ok: true });
      });
    });
    return;
  }
  if (req.url === '/printer/paper-out' || req.url === '/printer/paper-in') {
    hall.printer.setPaperOut(req.url === '/printer/paper-out');
    return send({ ok: true });
  }
  // Payments spec: the gateway's fault switches, the customer's QR scan, the card writer's slot.
  if (req.url?.startsWith('/gateway/config?')) {
    const q = new URL(req.url, 'http://x').searchParams;
    return send(
      hall.gateway.configure(
        Object.fromEntries([...q.entries()].map(([k, v]) => [k, /^\d+$/.test(v) ? Number(v) : v])),
      ),
    );
  }
  const scan = /^\/gateway\/scan\/([\w-]+)$/.exec(req.url ?? '');
  if (scan) return send(hall.gateway.scan(scan[1]!));
  if (req.url === '/gateway/orders') return send(hall.gateway.orders());
  if (req.url === '/printer/receipts')
    return send(
      hall.printer
        .receipts()
        .map((r) => ({ receivedAt: r.receivedAt, bytes: Buffer.from(r.bytes).toString('base64') })),
    );
  res.writeHead(404).end();
});
control.listen(HALL_CONTROL_PORT, '127.0.0.1', () => console.log(`e2e hall ready on ${HALL_CONTROL_PORT}`));

const stop = async () => {
  control.close();
  await hall.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
