/**
 * Property test: the device config parser is total — any text or JSON value gives a config or a
 * DeviceConfigError naming a field, nothing else is thrown. FUZZ_RUNS per property.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DeviceConfigError, driverFor, parseDeviceConfig } from '../../../devices/config/device-config';
import { FUZZ_RUNS as RUNS, FUZZ_TIMEOUT_MS as FUZZ_TIMEOUT } from '../../support/fuzz-runs';

const GOOD = JSON.stringify({
  version: 1,
  devices: [
    { id: 'reader', driver: 'ga467-idcard', match: { vendorId: '0x0400', productId: 'c35a' } },
    { id: 'printer', driver: 'escpos-printer', match: { host: '10.0.0.5', port: 9100 } },
  ],
});

/** Either a config or a typed refusal; returns which. */
function outcome(input: unknown): 'ok' | 'refused' {
  try {
    const config = parseDeviceConfig(input);
    // A config that parsed can always be matched against.
    driverFor(config, { key: 'hid:x', kind: 'hid', path: 'x', vendorId: 0x0400, productId: 0xc35a });
    return 'ok';
  } catch (error) {
    expect(error).toBeInstanceOf(DeviceConfigError);
    expect(typeof (error as DeviceConfigError).field).toBe('string');
    return 'refused';
  }
}

/** Config-shaped values: right keys, arbitrary leaves, so the checks past the top level are reached. */
const leaf = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('ga467-idcard', 'escpos-printer', 'signature-pad', '0400', '0xC35A', 'a-b'),
);
const rule = fc.record(
  {
    id: leaf,
    driver: leaf,
    label: leaf,
    baudRate: leaf,
    enabled: leaf,
    match: fc.record({ vendorId: leaf, productId: leaf, path: leaf, host: leaf, port: leaf }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);
const configShaped = fc.record(
  { version: fc.oneof(fc.constant(1), leaf), devices: fc.oneof(fc.array(rule, { maxLength: 4 }), leaf) },
  { requiredKeys: [] },
);

describe('device config parser fuzz', () => {
  it(
    'any text (random or a mutated good file) is parsed or refused with a DeviceConfigError',
    { timeout: FUZZ_TIMEOUT },
    () => {
      const mutatedGood = fc
        .tuple(fc.nat(GOOD.length), fc.nat(GOOD.length), fc.string({ maxLength: 4 }))
        .map(([at, len, insert]) => GOOD.slice(0, at) + insert + GOOD.slice(Math.min(GOOD.length, at + (len % 6))));
      fc.assert(
        fc.property(fc.oneof(fc.string({ maxLength: 200 }), mutatedGood), (text) => void outcome(text)),
        { numRuns: RUNS },
      );
    },
  );

  it('any config-shaped or arbitrary JSON value is parsed or refused', { timeout: FUZZ_TIMEOUT }, () => {
    fc.assert(
      fc.property(fc.oneof(configShaped, fc.jsonValue({ maxDepth: 4 })), (value) => void outcome(value)),
      { numRuns: RUNS },
    );
  });
});
