/**
 * The station's device config (devices.json in the data dir): which attached device is driven by
 * which driver. A rule matches on USB vendor/product id, a serial or HID path, or a network
 * printer's host and port. Validated with zod; a bad file is refused with the exact field named,
 * never half-applied.
 */
import { z } from 'zod';
import { isPrinterShare } from '../transport/printer-share';

export const DEVICE_DRIVERS = ['escpos-printer', 'ga467-idcard', 'signature-pad'] as const;
export type DeviceDriver = (typeof DEVICE_DRIVERS)[number];

/** "0x0416" or "0416" or 1046 → 1046. USB ids are 16-bit. */
const usbId = z.union([
  z.number().int().min(0).max(0xffff),
  z
    .string()
    .regex(/^(0x)?[0-9a-fA-F]{1,4}$/, 'USB id: 1–4 hex digits, optionally 0x-prefixed')
    .transform((s) => Number.parseInt(s.replace(/^0x/i, ''), 16)),
]);

export const DeviceMatch = z
  .object({
    vendorId: usbId.optional(),
    productId: usbId.optional(),
    /** /dev/ttyUSB0, COM3, \\localhost\POS58 (a Windows printer share), or a hidraw path. */
    path: z.string().min(1).max(260).optional(),
    host: z
      .string()
      .min(1)
      .max(253)
      .regex(/^[A-Za-z0-9.:-]+$/, 'host: a name or IP address')
      .optional(),
    port: z.number().int().min(1).max(65535).optional(),
  })
  .strict()
  .refine((m) => m.vendorId !== undefined || m.path !== undefined || m.host !== undefined, {
    message: 'a rule needs vendorId, path or host',
  })
  .refine((m) => m.productId === undefined || m.vendorId !== undefined, {
    message: 'productId needs vendorId',
    path: ['productId'],
  })
  .refine((m) => m.port === undefined || m.host !== undefined, { message: 'port needs host', path: ['port'] });

export const DeviceRule = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'id: lower-case letters, digits and dashes'),
    driver: z.enum(DEVICE_DRIVERS),
    label: z.string().max(60).optional(),
    match: DeviceMatch,
    /** Serial only. */
    baudRate: z.number().int().positive().max(921_600).optional(),
    enabled: z.boolean().default(true),
  })
  .strict();

/**
 * What each driver can be started from (the station builds drivers from these rules): a printer
 * from a host (raw TCP, port 9100 by default) or a path (a serial port, or a USB printer-class
 * device file such as /dev/usb/lp0); a reader from a serial/HID match or a serial-to-TCP server's
 * host and port; a pad from its USB ids or hidraw path. Anything else could never start.
 */
function driverProblem(rule: DeviceRule): { message: string; field: string } | null {
  const m = rule.match;
  if (rule.driver === 'escpos-printer' && m.host === undefined && m.path === undefined) {
    return {
      message: 'a printer needs host (network, port 9100) or path (serial port or /dev/usb/lp*)',
      field: 'match',
    };
  }
  if (rule.driver === 'ga467-idcard' && m.host !== undefined && m.port === undefined) {
    return { message: 'a reader behind a serial-to-TCP server needs its port', field: 'match.port' };
  }
  if (rule.driver === 'signature-pad' && m.host !== undefined) {
    return {
      message: 'a signature pad is USB HID: match it by vendorId/productId or path, not host',
      field: 'match.host',
    };
  }
  return null;
}

export const DeviceConfig = z
  .object({
    version: z.literal(1),
    devices: z.array(DeviceRule).max(32),
  })
  .strict()
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.devices.forEach((rule, i) => {
      if (seen.has(rule.id))
        ctx.addIssue({ code: 'custom', message: `duplicate id ${rule.id}`, path: ['devices', i, 'id'] });
      seen.add(rule.id);
      const problem = driverProblem(rule);
      if (problem)
        ctx.addIssue({ code: 'custom', message: problem.message, path: ['devices', i, ...problem.field.split('.')] });
    });
  });

export type DeviceConfig = z.output<typeof DeviceConfig>;
export type DeviceConfigInput = z.input<typeof DeviceConfig>;
export type DeviceRule = z.output<typeof DeviceRule>;

export const EMPTY_DEVICE_CONFIG: DeviceConfig = { version: 1, devices: [] };

export class DeviceConfigError extends Error {
  readonly code = 'invalid_config';
  constructor(
    /** Dotted path of the first bad field, e.g. "devices.0.match.port". */
    readonly field: string,
    message: string,
  ) {
    super(field ? `${field}: ${message}` : message);
    this.name = 'DeviceConfigError';
  }
}

/** Parses JSON text or an already-parsed value; throws DeviceConfigError naming the bad field. */
export function parseDeviceConfig(input: string | unknown): DeviceConfig {
  let value: unknown = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (error) {
      throw new DeviceConfigError('', `not JSON: ${(error as Error).message}`);
    }
  }
  const parsed = DeviceConfig.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new DeviceConfigError(issue.path.join('.'), issue.message);
}

/** What discovery saw; the fields a rule can match on. */
export interface AttachedDevice {
  /** Stable key: "hid:<path>", "serial:<path>", "tcp:<host>:<port>". */
  key: string;
  kind: 'hid' | 'serial' | 'tcp';
  path?: string;
  host?: string;
  port?: number;
  vendorId?: number;
  productId?: number;
  product?: string;
  manufacturer?: string;
}

const matches = (rule: DeviceRule, d: AttachedDevice): boolean => {
  const m = rule.match;
  if (m.vendorId !== undefined && m.vendorId !== d.vendorId) return false;
  if (m.productId !== undefined && m.productId !== d.productId) return false;
  if (m.path !== undefined && m.path !== d.path) return false;
  if (m.host !== undefined && m.host !== d.host) return false;
  if (m.port !== undefined && m.port !== d.port) return false;
  return true;
};

/** The first enabled rule that matches the device (rules are ordered: most specific first). */
export function driverFor(config: DeviceConfig, device: AttachedDevice): DeviceRule | null {
  return config.devices.find((rule) => rule.enabled && matches(rule, device)) ?? null;
}

/** How the station reaches its receipt printer. */
export type PrinterTarget =
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'serial'; path: string; baudRate: number }
  /** A USB printer as a file: Linux usblp (/dev/usb/lp0) or a Windows printer share (\\localhost\POS58). */
  | { kind: 'usblp'; path: string };

/**
 * A USB printer reached as a file: Linux usblp device files (/dev/usb/lp0, /dev/lp0), or on
 * Windows the printer shared through the spooler (\\localhost\POS58, RAW). Anything else in a
 * printer's path is a serial port: /dev/ttyUSB0, or COM3 on Windows.
 */
export const isUsbPrinterPath = (path: string): boolean => /^\/dev\/(usb\/)?lp\d+$/.test(path) || isPrinterShare(path);

/** Windows serial port names: COM1 … COM256, or the \\.\COM10 form Windows needs past COM9 in some APIs. */
export const isComPortName = (path: string): boolean => /^(\\\\\.\\)?COM([1-9]\d{0,2})$/i.test(path);

/** The first enabled printer rule, as something to connect to; null when none is configured. */
export function printerTarget(config: DeviceConfig): { rule: DeviceRule; target: PrinterTarget } | null {
  const rule = config.devices.find((r) => r.enabled && r.driver === 'escpos-printer');
  if (!rule) return null;
  const m = rule.match;
  if (m.host !== undefined) return { rule, target: { kind: 'tcp', host: m.host, port: m.port ?? 9100 } };
  const path = m.path!;
  return {
    rule,
    target: isUsbPrinterPath(path)
      ? { kind: 'usblp', path }
      : { kind: 'serial', path, baudRate: rule.baudRate ?? 9600 },
  };
}

/** Readers behind serial-to-TCP servers: not enumerable, so started straight from their rule. */
export function networkReaderRules(config: DeviceConfig): { rule: DeviceRule; host: string; port: number }[] {
  return config.devices
    .filter((r) => r.enabled && r.driver === 'ga467-idcard' && r.match.host !== undefined)
    .map((rule) => ({ rule, host: rule.match.host!, port: rule.match.port! }));
}

/** The first enabled signature-pad rule (its match narrows which HID device a capture opens). */
export const padRule = (config: DeviceConfig): DeviceRule | null =>
  config.devices.find((r) => r.enabled && r.driver === 'signature-pad') ?? null;

export const targetLabel = (t: PrinterTarget): string => (t.kind === 'tcp' ? `${t.host}:${t.port}` : t.path);
