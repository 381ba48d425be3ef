import type { IdCardView, ReaderStatus } from '@common/api/schemas';
import type { DeviceError } from '../../../devices/transport/transport';

export type StationReaderEvent =
  /** `photo` is the card's WLT photo as read (1024 bytes): the counter attaches it to applications. */
  | { type: 'read'; card: IdCardView; photo?: Uint8Array }
  | { type: 'removed' }
  | { type: 'error'; error: DeviceError }
  | { type: 'status' };

/** The station's ID card reader (main/devices/station-idcard.ts, or whichever is attached now). */
export interface StationIdCardReader {
  status(): ReaderStatus;
  /** One read now (find → select → read); rejects a DeviceError. Also emitted as a 'read' event. */
  readNow(): Promise<IdCardView>;
  on(listener: (event: StationReaderEvent) => void): () => void;
  close(): Promise<void>;
}
