import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  MAX_NOTICES,
  STORAGE_KEY,
  callText,
  cleanNotices,
  effectiveDisplay,
  loadSettings,
  parseSettings,
  saveSettings,
} from '../../../renderer/areas/display/display-settings';

const memory = () => {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), m };
};

describe('display settings', () => {
  it('defaults when nothing or garbage is stored', () => {
    expect(parseSettings(null)).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings('{not json')).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings('42')).toEqual(DEFAULT_SETTINGS);
    // Something was set on this TV (an older save without the flag): it stays an override, with defaults.
    expect(parseSettings('{"rate":"fast","volume":null}')).toEqual({ ...DEFAULT_SETTINGS, override: true });
  });

  it('clamps rate and volume into range', () => {
    expect(parseSettings(JSON.stringify({ override: true, rate: 9, volume: -1, notices: [] }))).toEqual({
      override: true,
      rate: 1.5,
      volume: 0,
      notices: [],
    });
    expect(parseSettings(JSON.stringify({ rate: 0.1, volume: 0.4, notices: [] }))).toMatchObject({
      rate: 0.5,
      volume: 0.4,
    });
  });

  it('cleans notices: trims, drops empty and non-text, cuts long ones, keeps at most ten', () => {
    expect(cleanNotices(['  午休 12:00–13:30 照常办理  ', '', 7, '   ', 'a\n b'])).toEqual([
      '午休 12:00–13:30 照常办理',
      'a b',
    ]);
    expect(cleanNotices(['长'.repeat(500)])[0]).toHaveLength(120);
    expect(cleanNotices(Array.from({ length: 20 }, (_, i) => `n${i}`))).toHaveLength(MAX_NOTICES);
  });

  it('saves what it loads, cleaned, and survives a storage that throws', () => {
    const store = memory();
    const saved = saveSettings(store, {
      override: true,
      rate: 1.2,
      volume: 0.5,
      notices: ['  今日 3 号窗口暂停服务 '],
    });
    expect(saved).toEqual({ override: true, rate: 1.2, volume: 0.5, notices: ['今日 3 号窗口暂停服务'] });
    expect(JSON.parse(store.m.get(STORAGE_KEY)!)).toEqual(saved);
    expect(loadSettings(store)).toEqual(saved);
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('full');
      },
    };
    expect(loadSettings(broken)).toEqual(DEFAULT_SETTINGS);
    expect(saveSettings(broken, saved)).toEqual(saved);
  });

  it("uses the hall's synced voice, notices and template unless this TV overrides them", () => {
    const hall = {
      announcementTemplate: '{number} 号请到 {window} 号窗口',
      voiceRate: 1.3,
      voiceVolume: 0.6,
      notices: ['今日 5 号窗口暂停'],
    };
    const synced = effectiveDisplay(DEFAULT_SETTINGS, hall);
    expect(synced).toEqual({
      rate: 1.3,
      volume: 0.6,
      notices: ['今日 5 号窗口暂停'],
      template: hall.announcementTemplate,
    });
    expect(callText(synced, { ticketNo: 'B007', windowNo: 4, recall: false })).toBe('B007 号请到 4 号窗口');
    expect(callText(synced, { ticketNo: 'B007', windowNo: 4, recall: true })).toBe('重呼，B007 号请到 4 号窗口');
    // An override keeps the TV's own voice and notices; the wording stays the hall's.
    const local = { override: true, rate: 0.7, volume: 0.2, notices: ['本机公告'] };
    expect(effectiveDisplay(local, hall)).toEqual({
      rate: 0.7,
      volume: 0.2,
      notices: ['本机公告'],
      template: hall.announcementTemplate,
    });
    // Before the first snapshot arrives: the TV's values and the default wording.
    expect(
      callText(effectiveDisplay(DEFAULT_SETTINGS, undefined), { ticketNo: 'A001', windowNo: 1, recall: false }),
    ).toBe('请 A001 号到 1 号窗口办理');
  });
});
