import { renderError } from '@common/errors';
import { AppFailure } from '@common/result';
import type { DeviceError, DeviceErrorCode } from '../../devices/transport/transport';

/** The catalog key of what a hall worker reads when a device fails: what happened and what to do. */
export const deviceErrorKey = (code: DeviceErrorCode) => `device.${code}` as const;

/** The failure to show a person: the device's own detail stays out of it (it is in the log). */
export const deviceFailure = (error: DeviceError): AppFailure =>
  new AppFailure('device_error', deviceErrorKey(error.code));

/** For the device log: the text a person reads, then the device's own detail. */
export const deviceErrorText = (error: DeviceError): string =>
  `${renderError(deviceErrorKey(error.code))}: ${error.message}`;
