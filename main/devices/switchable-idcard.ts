/**
 * The station's reader slot when the reader is found by discovery rather than given at start: a
 * StationIdCardReader that drives whichever reader is attached now (or reports that none is), so
 * the service and the page keep one object while readers come and go.
 */
import type { ReaderStatus } from '@common/api/schemas';
import { DeviceError, type Transport } from '../../devices/transport/transport';
import type { StationIdCardReader, StationReaderEvent } from '../services/ports/id-card-reader';
import { startStationIdCardReader, type StationIdCardOptions } from './station-idcard';

export interface SwitchableIdCardReader extends StationIdCardReader {
  /** Drive the reader behind `transport` (replacing any other); `key` names the attached device. */
  attach(key: string, transport: Transport, options?: Omit<StationIdCardOptions, 'transport' | 'name'>): Promise<void>;
  /** The device `key` went away (no-op when another reader is current). */
  detach(key: string): Promise<void>;
}

export function switchableIdCardReader(): SwitchableIdCardReader {
  const listeners = new Set<(event: StationReaderEvent) => void>();
  const emit = (event: StationReaderEvent): void => {
    for (const listener of listeners) listener(event);
  };
  let current: { key: string; reader: StationIdCardReader; off: () => void } | null = null;

  const drop = async (): Promise<void> => {
    const was = current;
    current = null;
    if (!was) return;
    was.off();
    await was.reader.close();
    emit({ type: 'status' });
  };

  return {
    status: (): ReaderStatus =>
      current?.reader.status() ?? {
        name: '未发现读卡器 (no reader attached)',
        connected: false,
        cardPresent: false,
        lastError: null,
        lastReadAt: null,
      },
    readNow: () =>
      current
        ? current.reader.readNow()
        : Promise.reject(new DeviceError('disconnected', 'no ID card reader attached')),
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async attach(key, transport, options = {}) {
      await drop();
      const reader = await startStationIdCardReader({ ...options, transport, name: `GA 467 ${key}` });
      current = { key, reader, off: reader.on(emit) };
      emit({ type: 'status' });
    },
    async detach(key) {
      if (current?.key === key) await drop();
    },
    close: drop,
  };
}
