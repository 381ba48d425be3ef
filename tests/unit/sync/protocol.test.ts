import { describe, expect, it } from 'vitest';
import {
  CentralErrorBody,
  Change,
  ClientMutation,
  EnrollRequest,
  EnrollmentCodeRequest,
  MAX_CHANGE_ID,
  MAX_PULL_BATCH,
  MAX_PUSH_BATCH,
  PUSH_WINDOW_HEADER,
  Poke,
  PullResponse,
  PushRequest,
  RevokeRequest,
  SNAPSHOT_CHANGES_KEY,
  SNAPSHOT_PAGE,
  SNAPSHOT_PAGE_PREFIX,
  SnapshotControlLine,
  SnapshotPageEnvelope,
  UNAUTHORIZED_CODES,
  isChange,
} from '@common/sync/protocol';

/** The sync wire: what the central accepts from a station and a station from the central. */
const parses = (schema: { safeParse(v: unknown): { success: boolean } }, v: unknown) => schema.safeParse(v).success;
const mutation = { id: 1, name: 'ticket.issue', args: {}, createdAt: '2026-11-23T02:00:00.000Z' };
const push = { clientId: 'station-0001', hallId: 'H001', mutations: [mutation] };
const change = { version: 1, entity: 'ticket', id: 'tk-1', row: { id: 'tk-1' } };

describe('push', () => {
  it('accepts a batch up to its limit, with or without a backlog and digests', () => {
    expect(parses(PushRequest, push)).toBe(true);
    expect(
      parses(PushRequest, { ...push, backlog: 0, mutations: [{ ...mutation, digest: 'A'.repeat(21) + '_' }] }),
    ).toBe(true);
    expect(parses(PushRequest, { ...push, mutations: Array(MAX_PUSH_BATCH).fill(mutation) })).toBe(true);
    expect(parses(PushRequest, { ...push, mutations: Array(MAX_PUSH_BATCH + 1).fill(mutation) })).toBe(false);
  });

  it.each([
    ['a client id shorter than 8', { clientId: 's'.repeat(7) }],
    ['a client id over 64', { clientId: 's'.repeat(65) }],
    ['no hall', { hallId: '' }],
    ['a hall over 32', { hallId: 'H'.repeat(33) }],
    ['a negative backlog', { backlog: -1 }],
    ['a fractional backlog', { backlog: 1.5 }],
    ['an unknown member', { token: 'x' }],
  ])('refuses a push with %s', (_what, over) => {
    expect(parses(PushRequest, { ...push, ...over })).toBe(false);
  });

  it.each([
    ['id 0', { id: 0 }],
    ['a fractional id', { id: 1.5 }],
    ['no name', { name: '' }],
    ['a name over 64', { name: 'n'.repeat(65) }],
    ['a time over 40', { createdAt: '2'.repeat(41) }],
    ['a digest of 21 characters', { digest: 'A'.repeat(21) }],
    ['a digest of 23 characters', { digest: 'A'.repeat(23) }],
    ['a digest with a character outside base64url', { digest: 'A'.repeat(21) + '+' }],
  ])('refuses a mutation with %s', (_what, over) => {
    expect(parses(ClientMutation, { ...mutation, ...over })).toBe(false);
  });

  it('tells the station how many batches it may keep in flight under a valid header name', () => {
    expect(PUSH_WINDOW_HEADER).toMatch(/^[a-z][a-z0-9-]*$/);
    expect(() => new Headers([[PUSH_WINDOW_HEADER, '2']])).not.toThrow();
  });
});

describe('pull', () => {
  it('accepts changes of every synced entity, up to the batch limit', () => {
    const pull = { cursor: 1, lastMutationId: 0, changes: [change], more: false, checksum: 'c' };
    expect(parses(PullResponse, pull)).toBe(true);
    expect(parses(PullResponse, { ...pull, changes: Array(MAX_PULL_BATCH).fill(change) })).toBe(true);
    expect(parses(PullResponse, { ...pull, changes: Array(MAX_PULL_BATCH + 1).fill(change) })).toBe(false);
    expect(parses(PullResponse, { ...pull, cursor: -1 })).toBe(false);
    expect(parses(PullResponse, { ...pull, lastMutationId: -1 })).toBe(false);
  });

  it.each([
    ['version 0', { version: 0 }],
    ['an unknown entity', { entity: 'secret' }],
    ['an empty id', { id: '' }],
    ['an id over the limit', { id: 'i'.repeat(MAX_CHANGE_ID + 1) }],
    ['a row that is a list', { row: [1] }],
    ['no row', { row: null }],
  ])('refuses a change with %s, by schema and by hand alike', (_what, over) => {
    expect(parses(Change, { ...change, ...over })).toBe(false);
    expect(isChange({ ...change, ...over })).toBe(false);
  });

  it('checks a change by hand as the schema does', () => {
    expect(isChange(change)).toBe(true);
    expect(isChange({ ...change, id: 'i'.repeat(MAX_CHANGE_ID) })).toBe(true);
    expect(isChange({ ...change, entity: 'customerBalance' })).toBe(true);
    for (const bad of [
      null,
      'change',
      7,
      { ...change, version: 1.5 },
      { ...change, version: '1' },
      { ...change, entity: 3 },
      { ...change, entity: 'toString' },
      { ...change, id: 5 },
      { ...change, row: 'x' },
    ])
      expect(isChange(bad)).toBe(false);
  });

  it('pokes with a version', () => {
    expect(parses(Poke, { type: 'poke', version: 3 })).toBe(true);
    expect(parses(Poke, { type: 'ping', version: 3 })).toBe(false);
  });
});

describe('snapshot lines', () => {
  it('write a page so that its prefix and its changes key find it without parsing', () => {
    const line = JSON.stringify({ type: 'page', after: 0, cursor: 2, checksum: 'abc', changes: [change] });
    expect(line.startsWith(SNAPSHOT_PAGE_PREFIX)).toBe(true);
    expect(JSON.parse(line.slice(line.indexOf(SNAPSHOT_CHANGES_KEY) + SNAPSHOT_CHANGES_KEY.length, -1))).toEqual([
      change,
    ]);
    expect(parses(SnapshotPageEnvelope, JSON.parse(line))).toBe(true);
  });

  it('refuse a page over its size, a long checksum or a negative cursor', () => {
    const page = { type: 'page', after: 0, cursor: 2, checksum: 'abc', changes: [] };
    expect(parses(SnapshotPageEnvelope, { ...page, changes: Array(SNAPSHOT_PAGE).fill(change) })).toBe(true);
    expect(parses(SnapshotPageEnvelope, { ...page, changes: Array(SNAPSHOT_PAGE + 1).fill(change) })).toBe(false);
    expect(parses(SnapshotPageEnvelope, { ...page, checksum: 'c'.repeat(40) })).toBe(true);
    expect(parses(SnapshotPageEnvelope, { ...page, checksum: 'c'.repeat(41) })).toBe(false);
    expect(parses(SnapshotPageEnvelope, { ...page, after: -1 })).toBe(false);
    expect(parses(SnapshotPageEnvelope, { ...page, cursor: -1 })).toBe(false);
  });

  it('tell the head from the end', () => {
    expect(SnapshotControlLine.parse({ type: 'head', upto: 9 })).toEqual({ type: 'head', upto: 9 });
    expect(SnapshotControlLine.parse({ type: 'end', cursor: 9 })).toEqual({ type: 'end', cursor: 9 });
    expect(parses(SnapshotControlLine, { type: 'head', upto: -1 })).toBe(false);
    expect(parses(SnapshotControlLine, { type: 'end', cursor: -1 })).toBe(false);
  });
});

describe('enrollment and errors', () => {
  it('accept an enrollment code of 4 to 32 characters, and nothing more in the request', () => {
    expect(parses(EnrollRequest, { code: '1234', clientId: 'station-0001' })).toBe(true);
    expect(parses(EnrollRequest, { code: 'c'.repeat(32), clientId: 's'.repeat(64) })).toBe(true);
    for (const bad of [
      { code: '123' },
      { code: 'c'.repeat(33) },
      { clientId: 's'.repeat(7) },
      { clientId: 's'.repeat(65) },
      { role: 'counter' },
    ])
      expect(parses(EnrollRequest, { code: '1234', clientId: 'station-0001', ...bad })).toBe(false);
    expect(parses(EnrollmentCodeRequest, { role: 'counter', hallId: 'H001' })).toBe(false);
    expect(parses(RevokeRequest, { clientId: '' })).toBe(false);
    expect(parses(RevokeRequest, { clientId: 's'.repeat(65) })).toBe(false);
    expect(parses(RevokeRequest, { clientId: 's' })).toBe(true);
  });

  it('name the two answers that mean the station must enroll again', () => {
    expect([...UNAUTHORIZED_CODES]).toEqual(['unauthenticated', 'revoked']);
    expect(parses(CentralErrorBody, { error: { code: 'revoked', message: '已吊销' } })).toBe(true);
  });
});
