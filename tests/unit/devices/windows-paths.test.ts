import { describe, expect, it } from 'vitest';
import {
  isComPortName,
  isUsbPrinterPath,
  parseDeviceConfig,
  printerTarget,
} from '../../../devices/config/device-config';
import { readHidrawReportDescriptor } from '../../../devices/signature/hid-report-link';
import { padSourceFor } from '../../../devices/signature/signature-pad';
import { deviceFileOpenError } from '../../../devices/transport/device-file-transport';
import { isPrinterShare } from '../../../devices/transport/printer-share';

/** devices.json as a Windows technician writes it: COM ports, a shared USB printer, HID paths of Windows. */
const printerAt = (path: string) =>
  printerTarget(
    parseDeviceConfig({
      version: 1,
      devices: [{ id: 'p', driver: 'escpos-printer', enabled: true, match: { path } }],
    }),
  )?.target;

describe('Windows device paths', () => {
  it('a COM port is a serial printer', () => {
    expect(printerAt('COM3')).toEqual({ kind: 'serial', path: 'COM3', baudRate: 9600 });
    expect(isComPortName('COM3')).toBe(true);
    expect(isComPortName('\\\\.\\COM12')).toBe(true);
    expect(isComPortName('COM0')).toBe(false);
    expect(isComPortName('/dev/ttyUSB0')).toBe(false);
  });

  it('a printer share is written like /dev/usb/lp0: bytes straight to the spooler, RAW', () => {
    expect(printerAt('\\\\localhost\\POS58')).toEqual({ kind: 'usblp', path: '\\\\localhost\\POS58' });
    expect(isPrinterShare('\\\\HALL-PC-03\\Receipt')).toBe(true);
    expect(isPrinterShare('\\\\localhost\\POS58\\x')).toBe(false);
    expect(isPrinterShare('C:\\temp\\out.bin')).toBe(false);
    expect(isUsbPrinterPath('/dev/usb/lp0')).toBe(true);
    expect(isUsbPrinterPath('COM3')).toBe(false);
  });

  it('a missing share says so in words a technician can act on', () => {
    const error = Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    expect(deviceFileOpenError('\\\\localhost\\POS58', error).message).toBe(
      '\\\\localhost\\POS58: no such printer share (is the printer shared under that name, and the spooler running?)',
    );
    expect(deviceFileOpenError('/dev/usb/lp0', error).message).toContain('no such device');
  });

  it('a Windows HID path has no sysfs descriptor; an unknown pad then fails with the reason, a known one needs none', async () => {
    const windowsPath = '\\\\?\\hid#vid_1234&pid_5678#7&1a2b3c4d&0&0000#{4d1e55b2-f16f-11cf-88cb-001111000030}';
    expect(await readHidrawReportDescriptor(windowsPath)).toBeNull();
    const unknown = padSourceFor({ vendorId: 0x1234, productId: 0x5678 });
    expect(unknown).toBeInstanceOf(Error);
    expect((unknown as Error).message).toContain('on Windows use a Wacom STU or Hanvon ESP370U pad');
    expect(padSourceFor({ vendorId: 0x056a, productId: 0x00a8 })).toBe('wacom-stu');
  });
});
