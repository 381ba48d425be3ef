/**
 * Bad input at the sync boundary: a replay whose content differs from what was applied, guessed
 * enrollment codes, damaged bytes in either direction, an oversized notify frame, and the
 * station's token at rest. Each gets a typed refusal with a reason and leaves nothing half-applied.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import { startCentral } from '../../central/server';
import { EnrollAttemptLimiter } from '../../central/enroll-limiter';
import { HttpError } from '../../central/http-util';
import { startStationHost, type StationHost } from '../../main/host';
import { keyDirFor, loadOrCreateKey, PersonalDataCipher } from '../../main/security/personal-data-cipher';
import { openToken } from '../../main/sync/token-seal';
import { ChaosProxy } from '../support/chaos-proxy';
import { RawClient, useCentralBackends, describeEachBackend } from '../support/central-backends';
import { makeTempDir, seededDataDir } from '../support/hall-fixture';
import { auditArgs, issueArgs } from '../support/sync-ops';

const { centralOn, cleanups } = useCentralBackends();
const AT = '2026-11-23T01:00:00.000Z';
const issue = (id: string, n: number) => ({ name: 'ticket.issue', args: issueArgs(id, n, AT), createdAt: AT });

async function idleSynced(host: StationHost) {
  host.sync!.trigger();
  await host.sync!.idle();
  return host.sync!.status();
}

describeEachBackend('replayed batches on %s', (backend) => {
  it('acknowledges the same batch again as a no-op, and refuses ids already applied with other content, applying none of that batch', async () => {
    const c = await centralOn(backend);
    const client = await RawClient.enroll(c, 'client-replay-01');
    const batch = [
      { id: 1, ...issue('tk-replay-a', 1) },
      { id: 2, ...issue('tk-replay-b', 2) },
    ];
    expect((await client.push(batch)).json).toEqual({ lastMutationId: 2, rejected: [] });
    // Same content (keys in another order, createdAt restamped): the idempotent replay.
    const reordered = batch.map((m) => ({
      createdAt: '2026-11-23T02:00:00.000Z',
      args: Object.fromEntries(Object.entries(m.args).reverse()),
      name: m.name,
      id: m.id,
    }));
    expect((await client.push(reordered)).json).toEqual({ lastMutationId: 2, rejected: [] });

    // Id 2 again but another ticket, plus a new id 3: refused whole, with the reason.
    const forged = [
      { id: 2, ...issue('tk-replay-forged', 9) },
      { id: 3, ...issue('tk-replay-c', 3) },
    ];
    const refused = await client.push(forged);
    expect(refused.status).toBe(409);
    expect(refused.json).toMatchObject({
      error: { code: 'replay_mismatch', key: 'sync.replayMismatch', params: { mutationId: 2 } },
    });
    const ids = (await client.pull()).changes.filter((ch) => ch.entity === 'ticket').map((ch) => ch.id);
    expect(ids.sort()).toEqual(['tk-replay-a', 'tk-replay-b']);
    expect((await client.pull()).lastMutationId).toBe(2);
    // The honest continuation still goes through.
    expect((await client.push([{ id: 3, ...issue('tk-replay-c', 3) }])).json).toEqual({
      lastMutationId: 3,
      rejected: [],
    });
  });

  it('a replay of a rejected mutation is a no-op too, but not a different one under its id', async () => {
    const c = await centralOn(backend);
    const client = await RawClient.enroll(c, 'client-replay-02');
    const bad = {
      id: 1,
      name: 'ticket.finish',
      args: { ticketId: 'no-such-ticket', windowNo: 3, at: AT },
      createdAt: AT,
    };
    expect((await client.push([bad])).json).toMatchObject({
      lastMutationId: 1,
      rejected: [{ id: 1, code: 'not_found' }],
    });
    expect((await client.push([bad])).json).toEqual({ lastMutationId: 1, rejected: [] });
    expect((await client.push([{ id: 1, ...issue('tk-replay-d', 4) }])).status).toBe(409);
  });
});

describe('enrollment attempts', () => {
  it('answers 429 with a reason after too many bad codes from one address — even to a good code — and only then', async () => {
    const c = await startCentral({
      dbFile: path.join(seededDataDir('central.db', makeTempDir('enroll-limit-')), 'central.db'),
      enrollLimit: { maxFailures: 3, windowMs: 60_000 },
    });
    cleanups.push(c.close);
    const enroll = (code: string, clientId: string) =>
      fetch(`${c.url}/v1/enroll`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code, clientId }),
      });
    // A good code among bad ones does not reset the count: only time does.
    expect((await enroll(c.issueEnrollmentCode('H001', 'hall'), 'station-ok-001')).status).toBe(200);
    for (const guess of ['AAAAAAAA', 'BBBBBBBB', 'CCCCCCCC'])
      expect((await enroll(guess, 'guesser-0001')).status).toBe(403);
    const limited = await enroll(c.issueEnrollmentCode('H001', 'hall'), 'guesser-0001');
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({
      error: {
        code: 'rate_limited',
        key: 'sync.enrollRateLimited',
        params: { seconds: expect.any(Number) },
        message: expect.stringMatching(/请 \d+ 秒后再试/),
      },
    });
    // Still limited: a further guess is not even looked at.
    expect((await enroll('DDDDDDDD', 'guesser-0001')).status).toBe(429);
  });

  it('forgets failures once they are older than the window (clock passed in, no waiting)', () => {
    const limiter = new EnrollAttemptLimiter({ maxFailures: 2, windowMs: 1000 });
    limiter.fail('10.0.0.9', 0);
    limiter.fail('10.0.0.9', 500);
    expect(() => limiter.check('10.0.0.9', 900)).toThrow(HttpError);
    expect(() => limiter.check('10.0.0.8', 900)).not.toThrow();
    expect(() => limiter.check('10.0.0.9', 1001)).not.toThrow(); // the first failure aged out
    limiter.fail('10.0.0.9', 1001);
    try {
      limiter.check('10.0.0.9', 1200);
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ status: 429, code: 'rate_limited' });
    }
  });
});

describe('damaged bytes and oversized frames', () => {
  it('a station refuses a pull answer damaged in transit: checkpoint unmoved, error in its sync status, and it recovers', async () => {
    const c = await centralOn('sqlite');
    const writer = await RawClient.enroll(c, 'client-writer-1');
    await writer.push([
      { id: 1, ...issue('tk-damaged-1', 11) },
      { id: 2, name: 'audit.append', args: auditArgs('au-damaged-1', 'client-writer-1', AT), createdAt: AT },
    ]);
    const proxy = await ChaosProxy.start(c.url);
    cleanups.push(() => proxy.close());
    const dataDir = seededDataDir('station.db', makeTempDir('damaged-'));
    const host = await startStationHost({
      dataDir,
      centralUrl: proxy.url,
      enrollCode: c.issueEnrollmentCode('H001', 'hall'),
    });
    cleanups.push(host.close);
    // Enrolled first, then every answer gets one flipped bit.
    await idleSynced(host);
    const before = (await host.sync!.status()).cursor;
    await writer.push([{ id: 3, ...issue('tk-damaged-2', 12) }]);
    proxy.set({ corrupt: 1 });
    const damaged = await idleSynced(host);
    expect(damaged.online).toBe(false);
    expect(damaged.lastError).toBeTruthy();
    expect(damaged.cursor).toBe(before);
    expect(proxy.stats.corrupted).toBeGreaterThan(0);
    proxy.heal();
    const healed = await idleSynced(host);
    expect(healed).toMatchObject({ online: true, lastError: null });
    const db = new Database(path.join(dataDir, 'station.db'), { readonly: true });
    expect(db.prepare(`SELECT id FROM tickets WHERE id LIKE 'tk-damaged-%' ORDER BY id`).all()).toEqual([
      { id: 'tk-damaged-1' },
      { id: 'tk-damaged-2' },
    ]);
    db.close();
  });

  it('the central refuses garbage and cut-off bodies, a bad cursor and an oversized notify frame with typed reasons, applying nothing', async () => {
    const c = await centralOn('sqlite');
    const client = await RawClient.enroll(c, 'client-garbage');
    const version = c.store.version();
    for (const body of [
      '\u0000\u0001\u0002',
      '{"clientId":"client-garbage","hallId":"H001","mutations":[{"id":1,"name":"ticket.issue","args":{"id":"tk-cut',
      '[]',
      'null',
    ]) {
      const res = await client.call('POST', '/v1/push', body);
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ error: { code: 'malformed', message: expect.any(String) } });
    }
    const bigEnroll = await fetch(`${c.url}/v1/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: 'ABCDEFGH', clientId: 'x'.repeat(8 * 1024) }),
    });
    expect(bigEnroll.status).toBe(413);
    expect(await bigEnroll.json()).toMatchObject({
      error: { code: 'too_large', message: expect.stringContaining('字节') },
    });
    for (const cursor of ['-1', 'abc', '1.5', '1e999']) {
      expect(await client.call('GET', `/v1/pull?cursor=${cursor}`)).toMatchObject({
        status: 400,
        json: { error: { code: 'malformed' } },
      });
    }
    // The notify socket carries pokes to the station only: a frame over its limit closes it with 1009.
    const ws = new WebSocket(`${c.url.replace('http', 'ws')}/v1/notify`, {
      headers: { authorization: `Bearer ${client.token}` },
    });
    await new Promise((r) => ws.once('message', r));
    const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
    ws.send('x'.repeat(64 * 1024));
    expect(await closed).toBe(1009);
    expect(c.store.version()).toBe(version);
    expect((await fetch(`${c.url}/healthz`)).status).toBe(200);
  });
});

describe('the station token at rest', () => {
  it('is stored sealed with the station key, not in the clear, and still works after a restart', async () => {
    const c = await centralOn('sqlite');
    const dataDir = seededDataDir('station.db', makeTempDir('sealed-'));
    const host = await startStationHost({
      dataDir,
      centralUrl: c.url,
      enrollCode: c.issueEnrollmentCode('H001', 'hall'),
    });
    expect(await idleSynced(host)).toMatchObject({ online: true, auth: 'ok' });
    const stationId = host.storage.stationId;
    await host.close();
    const db = new Database(path.join(dataDir, 'station.db'), { readonly: true });
    const stored = (db.prepare(`SELECT value FROM sync_state WHERE key = 'auth_token'`).get() as { value: string })
      .value;
    db.close();
    expect(stored).toMatch(/^sealed-v1:/);
    expect(() => c.store.auth.authenticate(`Bearer ${stored}`)).toThrow();
    // Only the station's key opens it, into the token the central knows this station by.
    const { token } = openToken(new PersonalDataCipher(loadOrCreateKey(keyDirFor(dataDir))), stored);
    expect(c.store.auth.authenticate(`Bearer ${token}`).clientId).toBe(stationId);
    expect(() => openToken(new PersonalDataCipher(Buffer.alloc(32, 1)), stored)).toThrow(/authentication/);
    const again = await startStationHost({ dataDir, centralUrl: c.url });
    cleanups.push(again.close);
    expect(await idleSynced(again)).toMatchObject({ online: true, auth: 'ok' });
  });

  it('a token stored in the clear by an older version is sealed on first use', async () => {
    const c = await centralOn('sqlite');
    const legacy = await RawClient.enroll(c, 'st-legacy-station-01');
    const dataDir = seededDataDir('station.db', makeTempDir('legacy-token-'));
    const db = new Database(path.join(dataDir, 'station.db'));
    db.prepare(
      `INSERT OR REPLACE INTO sync_state (key, value) VALUES ('client_id', 'st-legacy-station-01'), ('auth_token', ?), ('auth_role', 'hall')`,
    ).run(legacy.token);
    db.close();
    const host = await startStationHost({ dataDir, centralUrl: c.url });
    cleanups.push(host.close);
    expect(await idleSynced(host)).toMatchObject({ online: true, auth: 'ok' });
    const check = new Database(path.join(dataDir, 'station.db'), { readonly: true });
    const stored = (check.prepare(`SELECT value FROM sync_state WHERE key = 'auth_token'`).get() as { value: string })
      .value;
    check.close();
    expect(stored).toMatch(/^sealed-v1:/);
    expect(stored).not.toContain(legacy.token);
  });
});
