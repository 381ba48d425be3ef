/**
 * The station's ID card reader: the GA 467 driver over a Transport, polled, with its status for
 * the devices page and its events for the counter. When the link drops (reader unplugged) it keeps
 * trying to reopen and probe (11 FF), so plugging it back in recovers without a restart.
 */
import type { IdCardView, ReaderStatus } from '@common/api/schemas';
import type { IdCard } from '../../devices/idcard/card-text';
import { IdCardReader, type IdCardReaderOptions } from '../../devices/idcard/id-card-reader';
import { DeviceError, toDeviceError, type Transport } from '../../devices/transport/transport';
import type { StationIdCardReader, StationReaderEvent } from '../services/ports/id-card-reader';

export interface StationIdCardOptions {
  transport: Transport;
  name: string;
  reader?: IdCardReaderOptions;
  /** Between reopen attempts after the link dropped. */
  reconnectMs?: number;
  now?: () => Date;
}

export function toIdCardView(card: IdCard, readAt: string): IdCardView {
  return {
    cardType: card.cardType,
    name: card.name,
    gender: card.gender,
    nation: card.nation,
    birthDate: card.birthDate,
    address: card.address,
    idNumber: card.idNumber,
    authority: card.authority,
    validFrom: card.validFrom,
    validTo: card.validTo,
    idNumberValid: card.idNumberValid,
    ...(card.englishName ? { englishName: card.englishName } : {}),
    ...(card.passNumber ? { passNumber: card.passNumber } : {}),
    readAt,
  };
}

export async function startStationIdCardReader(o: StationIdCardOptions): Promise<StationIdCardReader> {
  const now = o.now ?? (() => new Date());
  const reader = new IdCardReader(o.transport, o.reader);
  const listeners = new Set<(event: StationReaderEvent) => void>();
  const emit = (event: StationReaderEvent): void => {
    for (const listener of listeners) listener(event);
  };
  let connected = false;
  let cardPresent = false;
  let lastError: ReaderStatus['lastError'] = null;
  let lastReadAt: string | null = null;
  let closed = false;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;

  const fail = (error: DeviceError): void => {
    lastError = { code: error.code, message: error.message, at: now().toISOString() };
    emit({ type: 'error', error });
  };

  const connect = async (): Promise<void> => {
    try {
      await o.transport.open();
      await reader.probe();
      connected = true;
      emit({ type: 'status' });
      reader.start();
    } catch (error) {
      if (o.transport.isOpen) await o.transport.close().catch(() => undefined);
      if (!lastError || lastError.code !== toDeviceError(error, 'open_failed').code)
        fail(toDeviceError(error, 'open_failed'));
      scheduleReconnect();
    }
  };
  const scheduleReconnect = (): void => {
    if (closed) return;
    clearTimeout(reconnectTimer);
    reconnectTimer = setTimeout(() => void connect(), o.reconnectMs ?? 2000);
  };

  reader.on((event) => {
    switch (event.type) {
      case 'card-present':
        cardPresent = true;
        emit({ type: 'status' });
        break;
      case 'card-read': {
        lastReadAt = event.reading.readAt;
        lastError = null;
        emit({
          type: 'read',
          card: toIdCardView(event.reading.card, event.reading.readAt),
          photo: event.reading.photo.wlt,
        });
        break;
      }
      case 'card-removed':
        cardPresent = false;
        emit({ type: 'removed' });
        break;
      case 'error':
        fail(event.error);
        break;
    }
  });
  o.transport.onClose((error) => {
    if (closed) return;
    connected = false;
    cardPresent = false;
    if (error) scheduleReconnect();
    emit({ type: 'status' });
  });

  await connect();

  return {
    status: () => ({ name: o.name, connected, cardPresent, lastError, lastReadAt }),
    async readNow() {
      if (!connected) throw new DeviceError('disconnected', lastError?.message ?? 'reader not connected');
      try {
        const reading = await reader.readCard();
        const card = toIdCardView(reading.card, reading.readAt);
        lastReadAt = reading.readAt;
        lastError = null;
        emit({ type: 'read', card, photo: reading.photo.wlt });
        return card;
      } catch (error) {
        const deviceError = toDeviceError(error, 'protocol');
        fail(deviceError);
        throw deviceError;
      }
    },
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      closed = true;
      clearTimeout(reconnectTimer);
      await reader.close().catch(() => undefined);
    },
  };
}
