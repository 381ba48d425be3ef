import { afterEach, describe, expect, it } from 'vitest';
import { switchableIdCardReader } from '../../../main/devices/switchable-idcard';
import type { StationReaderEvent } from '../../../main/services/ports/id-card-reader';
import { IdCardSimulator } from '../../../devices/simulators/idcard-simulator';
import { createTransportPair } from '../../../devices/transport/memory-transport';
import { RESIDENT, TODAY } from './idcard-fixtures';
import { nextEvent } from './helpers';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const OPTIONS = {
  reader: { replyTimeoutMs: 200, readTimeoutMs: 400, pollIntervalMs: 10, decode: { today: TODAY } },
  reconnectMs: 50,
};

describe('reader slot filled by discovery', () => {
  it('reports no reader, drives an attached one, and forgets it on detach', async () => {
    const slot = switchableIdCardReader();
    cleanups.push(() => slot.close());
    expect(slot.status()).toMatchObject({ connected: false });
    await expect(slot.readNow()).rejects.toMatchObject({ code: 'disconnected' });

    const [host, device] = createTransportPair();
    const sim = await IdCardSimulator.start(device, { card: null });
    cleanups.push(() => sim.close());
    await slot.attach('serial:/dev/ttyUSB0', host, OPTIONS);
    expect(slot.status()).toMatchObject({ connected: true, name: 'GA 467 serial:/dev/ttyUSB0' });

    const read = nextEvent<StationReaderEvent>(
      (l) => slot.on(l),
      (e) => e.type === 'read',
    );
    sim.insertCard({ fields: RESIDENT });
    expect(await read).toMatchObject({ card: { idNumber: RESIDENT.idNumber } });

    await slot.detach('serial:/dev/other'); // not ours: nothing changes
    expect(slot.status().connected).toBe(true);
    await slot.detach('serial:/dev/ttyUSB0');
    expect(slot.status()).toMatchObject({ connected: false });
  });
});
