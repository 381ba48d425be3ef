import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CONFIG,
  parseStationConfig,
  planWindows,
  StationConfig,
  type DisplayInfo,
} from '../../../main/electron/roles-config';

const primary: DisplayInfo = { id: 10, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, primary: true };
const second: DisplayInfo = { id: 11, bounds: { x: 1920, y: 0, width: 1280, height: 800 } };
const cfg = (json: unknown) => StationConfig.parse(json);

describe('planWindows', () => {
  it('counter with two displays: agent window on the primary, rate window full screen on the second', () => {
    const plans = planWindows(cfg({ station: 'counter', windowNo: 3 }), [primary, second]);
    expect(plans).toHaveLength(2);
    expect(plans[0]).toMatchObject({
      role: 'counter',
      windowNo: 3,
      url: 'app://hall/index.html#/counter/3',
      mode: 'normal',
      display: primary,
    });
    expect(plans[1]).toMatchObject({
      role: 'rate',
      windowNo: 3,
      url: 'app://hall/index.html#/rate/3',
      mode: 'frameless-fullscreen',
      display: second,
      keepAwake: true,
    });
  });

  it('finds the primary display wherever it is listed', () => {
    const plans = planWindows(cfg({ station: 'counter', windowNo: 5 }), [{ ...second }, { ...primary }]);
    expect(plans[0].display.id).toBe(primary.id);
    expect(plans[1].display.id).toBe(second.id);
  });

  it('counter with one display: the rate screen is a normal second window', () => {
    const plans = planWindows(cfg({ station: 'counter', windowNo: 1 }), [primary]);
    expect(plans.map((p) => [p.role, p.mode])).toEqual([
      ['counter', 'normal'],
      ['rate', 'normal'],
    ]);
  });

  it('counter customerScreen window/off', () => {
    expect(
      planWindows(cfg({ station: 'counter', windowNo: 2, customerScreen: 'window' }), [primary, second])[1],
    ).toMatchObject({ role: 'rate', mode: 'normal', display: primary });
    expect(
      planWindows(cfg({ station: 'counter', windowNo: 2, customerScreen: 'off' }), [primary, second]).map(
        (p) => p.role,
      ),
    ).toEqual(['counter']);
  });

  it('kiosk: one kiosk-mode window', () => {
    expect(planWindows(cfg({ station: 'kiosk' }), [primary])).toEqual([
      expect.objectContaining({
        role: 'kiosk',
        windowNo: null,
        url: 'app://hall/index.html#/kiosk',
        mode: 'kiosk',
        keepAwake: true,
        devTools: false,
      }),
    ]);
  });

  it('display: full screen, on the chosen monitor when it exists', () => {
    expect(planWindows(cfg({ station: 'display' }), [primary, second])[0]).toMatchObject({
      role: 'display',
      url: 'app://hall/index.html#/display',
      mode: 'fullscreen',
      display: primary,
    });
    expect(planWindows(cfg({ station: 'display', displayIndex: 1 }), [primary, second])[0].display).toBe(second);
    expect(planWindows(cfg({ station: 'display', displayIndex: 4 }), [primary, second])[0].display).toBe(primary);
  });

  it.each(['manager', 'guide', 'devices'] as const)('%s: one normal window on its route', (station) => {
    expect(planWindows(cfg({ station }), [primary, second])).toEqual([
      expect.objectContaining({ role: station, url: `app://hall/index.html#/${station}`, mode: 'normal' }),
    ]);
  });

  it('works with no display information at all', () => {
    expect(planWindows(cfg({ station: 'kiosk' }), [])[0].display.bounds.width).toBeGreaterThan(0);
  });

  it('titles name the role and the counter', () => {
    expect(planWindows(cfg({ station: 'counter', windowNo: 7 }), [primary])[0].title).toContain('7 号窗口');
  });
});

describe('parseStationConfig', () => {
  it('no file: the default kiosk', () => {
    expect(parseStationConfig(null, '/u/station.json')).toEqual({
      ok: true,
      config: DEFAULT_CONFIG,
      source: 'default',
    });
    expect(DEFAULT_CONFIG.station).toBe('kiosk');
  });

  it('a valid file, with a BOM, gets its defaults', () => {
    const loaded = parseStationConfig('\uFEFF{"station":"counter","windowNo":3}', '/u/station.json');
    expect(loaded).toEqual({
      ok: true,
      source: 'file',
      config: { station: 'counter', windowNo: 3, customerScreen: 'auto', devTools: false },
    });
  });

  it('takes the hall time zone', () => {
    const loaded = parseStationConfig('{"station":"kiosk","timeZone":"Asia/Urumqi"}', '/u/station.json');
    expect(loaded).toMatchObject({ ok: true, config: { timeZone: 'Asia/Urumqi' } });
  });

  it.each([
    ['not JSON', '{station: counter', /不是有效的 JSON/],
    ['unknown station', '{"station":"cashier"}', /station/],
    ['counter without windowNo', '{"station":"counter"}', /windowNo/],
    ['windowNo out of range', '{"station":"counter","windowNo":0}', /windowNo/],
    ['unknown field', '{"station":"kiosk","colour":"red"}', /colour|Unrecognized/i],
    ['bad central URL', '{"station":"kiosk","centralUrl":"ftp://x"}', /centralUrl/],
    ['authority wait out of range', '{"station":"kiosk","authorityTimeoutMs":60000}', /authorityTimeoutMs/],
    ['unknown time zone', '{"station":"kiosk","timeZone":"Mars/Olympus"}', /timeZone/],
    ['an array', '[]', /\(root\)|station/],
  ])('%s gives a clear message naming the file', (_name, text, pattern) => {
    const loaded = parseStationConfig(text, '/u/station.json');
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.message).toContain('/u/station.json');
    expect(loaded.message).toMatch(pattern);
  });
});
