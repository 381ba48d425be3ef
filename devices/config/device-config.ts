/**
 * The station's device config (devices.json in the data dir): which attached device is driven by
 * which driver. A rule matches on USB vendor/product id, a serial or HID path, or a network
 * printer's host and port. Validated with zod; a bad file is refused with the exact field named,
 * never half-applied.
 */
import { z } from 'zod';

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
    /** /dev/ttyUSB0, COM3, or a hidraw path. */
    path: z.string().min(1).max(260).optional(),
    host: z.string().min(1).max(253).regex(/^[A-Za-z0-9.:-]+$/, 'host: a name or IP address').optional(),
    port: z.number().int().min(1).max(65535).optional(),
  })
  .strict()
  .refine((m) => m.vendorId !== undefined || m.path !== undefined || m.host !== undefined, {
    message: 'a rule needs vendorId, path or host',
  })
  .refine((m) => m.productId === undefined || m.vendorId !== undefined, { message: 'productId needs vendorId', path: ['productId'] })
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

export const DeviceConfig = z
  .object({
    version: z.literal(1),
    devices: z.array(DeviceRule).max(32),
  })
  .strict()
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.devices.forEach((rule, i) => {
      if (seen.has(rule.id)) ctx.addIssue({ code: 'custom', message: `duplicate id ${rule.id}`, path: ['devices', i, 'id'] });
      seen.add(rule.id);
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
