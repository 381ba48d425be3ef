import { afterEach, describe, expect, it } from 'vitest';
import {
  IdCardReader,
  SamError,
  formatSamId,
  type IdCardReaderEvent,
  type IdCardReaderOptions,
} from '../../../devices/idcard/id-card-reader';
import { IdCardSimulator, type ReceivedCommand, type VirtualCard } from '../../../devices/simulators/idcard-simulator';
import { createTransportPair } from '../../../devices/transport/memory-transport';
import { DeviceError } from '../../../devices/transport/transport';
import { FOREIGN_2017, FOREIGN_2023, HMT_PERMIT, RESIDENT, TODAY } from './idcard-fixtures';
import { nextEvent } from './helpers';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function setup(card: VirtualCard | null, options: IdCardReaderOptions = {}, chunkSize = 0) {
  const [host, device] = createTransportPair({ chunkSize });
  const simulator = await IdCardSimulator.start(device, { card });
  const reader = new IdCardReader(host, {
    replyTimeoutMs: 200,
    readTimeoutMs: 500,
    pollIntervalMs: 5,
    decode: { today: TODAY },
    ...options,
  });
  await reader.open();
  cleanups.push(() => reader.close());
  return { reader, simulator, host, device };
}

const event = <T extends IdCardReaderEvent['type']>(reader: IdCardReader, type: T) =>
  nextEvent<IdCardReaderEvent>(
    (l) => reader.on(l),
    (e) => e.type === type,
  ) as Promise<Extract<IdCardReaderEvent, { type: T }>>;

describe('IdCardReader commands', () => {
  it('probe (11 FF) and SAM id (12 FF)', async () => {
    const { reader } = await setup(null);
    expect(await reader.probe()).toMatchObject({ sw3: 0x90, code: 'ok' });
    expect(await reader.samId()).toBe('05.01-20164746-0012345678-1234567890');
  });

  it.each([
    ['resident', RESIDENT],
    ['HK/Macau/Taiwan permit', HMT_PERMIT],
    ['foreign 2017', FOREIGN_2017],
    ['foreign 2023', FOREIGN_2023],
  ])('reads a %s card through 7-byte chunks', async (_label, fields) => {
    const { reader } = await setup({ fields }, {}, 7);
    const reading = await reader.readCard();
    expect(reading.card.cardType).toBe(fields.cardType);
    expect(reading.card.idNumberValid).toBe(true);
    expect(reading.photo.wlt).toHaveLength(1024);
    expect(reading.photo.image).toBeNull();
    expect(reading.fingerprint).toBeNull();
  });

  it('30 10 returns the fingerprint; the photo decoder is pluggable', async () => {
    const fingerprint = Uint8Array.from({ length: 1024 }, (_, i) => i % 251);
    const { reader } = await setup(
      { fields: RESIDENT, fingerprint },
      { fingerprint: true, photoDecoder: { decode: async (wlt) => Uint8Array.of(0x42, 0x4d, wlt.length >> 8) } },
    );
    const reading = await reader.readCard();
    expect(reading.fingerprint).toEqual(fingerprint);
    expect(Array.from(reading.photo.image ?? [])).toEqual([0x42, 0x4d, 4]);
  });

  it('a photo decoder that throws (sync or async) costs the photo, not the reading', async () => {
    for (const decode of [
      () => {
        throw new Error('vendor library missing');
      },
      async () => Promise.reject(new Error('bad WLT')),
    ]) {
      const { reader } = await setup({ fields: RESIDENT }, { photoDecoder: { decode } });
      const reading = await reader.readCard();
      expect(reading.photo.image).toBeNull();
      expect(reading.card.name).toBe('张三');
    }
  });

  it('30 03 appended address, and 91 when there is none', async () => {
    const { reader, simulator } = await setup({ fields: RESIDENT, appendedAddress: '北京市海淀区中关村大街1号' });
    await reader.readCard();
    expect(await reader.readAppendedAddress()).toBe('北京市海淀区中关村大街1号');
    simulator.insertCard({ fields: RESIDENT });
    await reader.readCard();
    expect(await reader.readAppendedAddress()).toBeNull();
  });

  it('no card: a typed no_card error', async () => {
    const { reader } = await setup(null);
    await expect(reader.readCard()).rejects.toMatchObject({ name: 'DeviceError', code: 'no_card' });
    expect(await reader.findCard()).toBe(false);
  });

  it('a SAM error code becomes a SamError with its status', async () => {
    const { reader, simulator } = await setup(null);
    simulator.injectFault({ kind: 'sam_status', sw3: 0x60 });
    const error = await reader.probe().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SamError);
    expect(error).toMatchObject({ code: 'sam_error', status: { code: 'sam_self_test_failed' } });
    expect(await reader.probe()).toMatchObject({ code: 'ok' });
  });

  it('a corrupt reply is a protocol error; a silent reader a timeout; both recover', async () => {
    const { reader, simulator } = await setup({ fields: RESIDENT });
    simulator.injectFault({ kind: 'bad_checksum' });
    await expect(reader.findCard()).rejects.toMatchObject({ code: 'protocol' });
    simulator.injectFault({ kind: 'silent' });
    await expect(reader.findCard()).rejects.toMatchObject({ code: 'timeout' });
    expect((await reader.readCard()).card.name).toBe('张三');
  });

  it('a dropped link rejects the command in flight with disconnected', async () => {
    const { reader, simulator, host } = await setup({ fields: RESIDENT });
    simulator.injectFault({ kind: 'silent' });
    const pending = reader.findCard().catch((e: unknown) => e);
    await nextEvent((l) => simulator.onCommand(l));
    host.disconnect();
    const error = await pending;
    expect(error).toBeInstanceOf(DeviceError);
    expect((error as DeviceError).code).toBe('disconnected');
  });

  it('formats SAM ids and falls back to hex for odd lengths', () => {
    expect(formatSamId(Uint8Array.of(1, 2, 3))).toBe('010203');
  });
});

describe('IdCardReader polling loop', () => {
  it('card-present, card-read once, card-removed, then a new read after re-insertion', async () => {
    const { reader, simulator } = await setup(null);
    const events: IdCardReaderEvent['type'][] = [];
    reader.on((e) => events.push(e.type));
    reader.start();
    // Several polls with no card: nothing happens.
    for (let i = 0; i < 3; i++)
      await nextEvent<ReceivedCommand>(
        (l) => simulator.onCommand(l),
        (c) => c.name === 'findCard',
      );
    expect(events).toEqual([]);

    const read = event(reader, 'card-read');
    simulator.insertCard({ fields: RESIDENT });
    const { reading } = await read;
    expect(reading.card.idNumber).toBe('11010519491231002X');
    // The card stays: polls continue, but it is not read again.
    for (let i = 0; i < 5; i++)
      await nextEvent<ReceivedCommand>(
        (l) => simulator.onCommand(l),
        (c) => c.name === 'findCard',
      );
    expect(events).toEqual(['card-present', 'card-read']);

    const removed = event(reader, 'card-removed');
    simulator.removeCard();
    await removed;
    const again = event(reader, 'card-read');
    simulator.insertCard({ fields: HMT_PERMIT });
    expect((await again).reading.card.cardType).toBe('hk_macau_taiwan_permit');
    expect(events).toEqual(['card-present', 'card-read', 'card-removed', 'card-present', 'card-read']);
  });

  it('card removed mid-read: a typed card_error, then card-removed, then recovery', async () => {
    const { reader, simulator } = await setup({ fields: RESIDENT });
    simulator.injectFault({ kind: 'remove_during_read' });
    const error = event(reader, 'error');
    const removed = event(reader, 'card-removed');
    reader.start();
    expect((await error).error).toMatchObject({ code: 'card_error', status: { code: 'read_failed' } });
    await removed;
    const read = event(reader, 'card-read');
    simulator.insertCard({ fields: RESIDENT });
    expect((await read).reading.card.name).toBe('张三');
  });

  it.each([
    ['checksum error', { kind: 'bad_checksum' } as const, 'readText' as const, 'protocol'],
    ['timeout', { kind: 'silent' } as const, 'readText' as const, 'timeout'],
    ['SAM error code', { kind: 'sam_status', sw3: 0x33 } as const, 'selectCard' as const, 'card_error'],
    ['no card at select', { kind: 'sam_status', sw3: 0x81 } as const, 'selectCard' as const, 'no_card'],
  ])('%s during a poll: a typed error, and the next poll reads the card', async (_label, fault, on, code) => {
    const { reader, simulator } = await setup({ fields: RESIDENT });
    simulator.injectFault(fault, on);
    const events: string[] = [];
    reader.on((e) => events.push(e.type === 'error' ? `error:${e.error.code}` : e.type));
    const read = event(reader, 'card-read');
    reader.start();
    await read;
    expect(events).toEqual(['card-present', `error:${code}`, 'card-read']);
  });

  it('stops with a disconnected error when the link drops', async () => {
    const { reader, host } = await setup(null);
    const error = event(reader, 'error');
    reader.start();
    host.disconnect();
    expect((await error).error.code).toBe('disconnected');
    await reader.stop();
  });
});
