/**
 * HID report descriptor parser (Device Class Definition for HID 1.11, §6.2.2): short items with
 * main (Input, Output, Feature, Collection, End Collection), global (usage page, logical/physical
 * min/max, unit, report size/ID/count, push, pop) and local (usage, usage min/max) tags; long items
 * are skipped. Produces each report's fields with their bit offsets, which is all a decoder needs.
 * Total: a CodecResult for any bytes.
 */
import { decoded, type CodecResult } from '../codec-result';

export type ReportType = 'input' | 'output' | 'feature';

export interface ReportField {
  reportType: ReportType;
  reportId: number;
  /** Bit offset from the start of the report data (after the report ID byte, if any). */
  bitOffset: number;
  size: number;
  count: number;
  /** One usage per element (the last repeats, as the spec says); empty for constant padding. */
  usages: Array<{ page: number; id: number }>;
  logicalMin: number;
  logicalMax: number;
  physicalMin: number;
  physicalMax: number;
  constant: boolean;
  variable: boolean;
  relative: boolean;
  /** Usages of the enclosing collections, outermost first. */
  collections: Array<{ page: number; id: number; type: number }>;
}

export interface ReportDescriptor {
  fields: ReportField[];
  /** True when any report carries a report ID byte. */
  usesReportIds: boolean;
  /** Report byte length (without the ID byte) by type and ID. */
  reportBytes: Map<string, number>;
}

export const reportKey = (type: ReportType, id: number): string => `${type}:${id}`;

export type DescriptorErrorCode = 'malformed' | 'truncated' | 'unbalanced' | 'too_large';

const MAX_FIELDS = 4096;
const MAX_REPORT_BITS = 8 * 4096;
const MAX_STACK = 32;

interface Globals {
  usagePage: number;
  logicalMin: number;
  logicalMax: number;
  physicalMin: number;
  physicalMax: number;
  reportSize: number;
  reportId: number;
  reportCount: number;
  logicalMinRaw: number;
  logicalMaxRaw: number;
}

const fail = (
  code: DescriptorErrorCode,
  message: string,
  offset: number,
): { ok: false; error: { code: DescriptorErrorCode; message: string; offset: number } } => ({
  ok: false,
  error: { code, message, offset },
});

const signed = (value: number, bytes: number): number => {
  if (bytes === 0) return 0;
  const bits = bytes * 8;
  return value >= 2 ** (bits - 1) ? value - 2 ** bits : value;
};

export function parseReportDescriptor(bytes: Uint8Array): CodecResult<ReportDescriptor, DescriptorErrorCode> {
  let g: Globals = {
    usagePage: 0,
    logicalMin: 0,
    logicalMax: 0,
    physicalMin: 0,
    physicalMax: 0,
    reportSize: 0,
    reportId: 0,
    reportCount: 0,
    logicalMinRaw: 0,
    logicalMaxRaw: 0,
  };
  const stack: Globals[] = [];
  let usages: Array<{ page: number; id: number }> = [];
  let usageMin: { page: number; id: number } | null = null;
  const collections: Array<{ page: number; id: number; type: number }> = [];
  const fields: ReportField[] = [];
  const bitCursor = new Map<string, number>();
  let usesReportIds = false;

  let at = 0;
  while (at < bytes.length) {
    const prefix = bytes[at];
    if (prefix === 0xfe) {
      // Long item: FE, data size, long tag, data. None are defined; skip.
      if (at + 2 >= bytes.length) return fail('truncated', 'long item header cut off', at);
      const size = bytes[at + 1];
      if (at + 3 + size > bytes.length) return fail('truncated', 'long item data cut off', at);
      at += 3 + size;
      continue;
    }
    const sizeCode = prefix & 0x03;
    const size = sizeCode === 3 ? 4 : sizeCode;
    const type = (prefix >> 2) & 0x03;
    const tag = prefix >> 4;
    if (at + 1 + size > bytes.length)
      return fail('truncated', `item 0x${prefix.toString(16)} needs ${size} data bytes`, at);
    let value = 0;
    for (let i = 0; i < size; i++) value += bytes[at + 1 + i] * 2 ** (8 * i);
    const itemAt = at;
    at += 1 + size;

    if (type === 0) {
      // Main item.
      if (tag === 0x8 || tag === 0x9 || tag === 0xb) {
        const reportType: ReportType = tag === 0x8 ? 'input' : tag === 0x9 ? 'output' : 'feature';
        if (g.reportSize > 32 && g.reportCount > 0 && (value & 1) === 0)
          return fail('malformed', `report size ${g.reportSize} over 32 bits`, itemAt);
        const key = reportKey(reportType, g.reportId);
        const offset = bitCursor.get(key) ?? 0;
        const total = offset + g.reportSize * g.reportCount;
        if (total > MAX_REPORT_BITS)
          return fail('too_large', `report ${key} longer than ${MAX_REPORT_BITS / 8} bytes`, itemAt);
        bitCursor.set(key, total);
        if (fields.length >= MAX_FIELDS) return fail('too_large', 'too many fields', itemAt);
        const list = [...usages];
        if (usageMin && list.length === 0) list.push(usageMin);
        fields.push({
          reportType,
          reportId: g.reportId,
          bitOffset: offset,
          size: g.reportSize,
          count: g.reportCount,
          usages: (value & 1) !== 0 ? [] : list,
          logicalMin: g.logicalMin,
          logicalMax: g.logicalMax,
          physicalMin: g.physicalMin,
          physicalMax: g.physicalMax,
          constant: (value & 1) !== 0,
          variable: (value & 2) !== 0,
          relative: (value & 4) !== 0,
          collections: [...collections],
        });
      } else if (tag === 0xa) {
        if (collections.length >= MAX_STACK) return fail('too_large', 'collections nested too deep', itemAt);
        const u = usages[0] ?? { page: g.usagePage, id: 0 };
        collections.push({ page: u.page, id: u.id, type: value });
      } else if (tag === 0xc) {
        if (collections.length === 0) return fail('unbalanced', 'End Collection without Collection', itemAt);
        collections.pop();
      } else {
        return fail('malformed', `unknown main item tag 0x${tag.toString(16)}`, itemAt);
      }
      usages = [];
      usageMin = null;
    } else if (type === 1) {
      // Global item.
      switch (tag) {
        case 0x0:
          g.usagePage = value;
          break;
        case 0x1:
          g.logicalMinRaw = value;
          g.logicalMin = signed(value, size);
          break;
        case 0x2:
          g.logicalMaxRaw = value;
          g.logicalMax = signed(value, size);
          break;
        case 0x3:
          g.physicalMin = signed(value, size);
          break;
        case 0x4:
          g.physicalMax = signed(value, size);
          break;
        case 0x5:
        case 0x6:
          break; // unit exponent, unit: not needed to decode positions
        case 0x7:
          g.reportSize = value;
          break;
        case 0x8:
          if (value === 0 || value > 0xff) return fail('malformed', `report ID ${value} out of 1..255`, itemAt);
          g.reportId = value;
          usesReportIds = true;
          break;
        case 0x9:
          g.reportCount = value;
          break;
        case 0xa:
          if (stack.length >= MAX_STACK) return fail('too_large', 'push stack overflow', itemAt);
          stack.push({ ...g });
          break;
        case 0xb: {
          const popped = stack.pop();
          if (!popped) return fail('unbalanced', 'Pop without Push', itemAt);
          g = popped;
          break;
        }
        default:
          return fail('malformed', `unknown global item tag 0x${tag.toString(16)}`, itemAt);
      }
      // Many descriptors write e.g. Logical Max 255 in one byte: signed it is −1, which the spec
      // resolves by context — if max < min as signed, both are meant unsigned.
      if ((tag === 0x1 || tag === 0x2) && g.logicalMax < g.logicalMin) {
        if (g.logicalMaxRaw >= g.logicalMin) g.logicalMax = g.logicalMaxRaw;
        else if (g.logicalMinRaw <= g.logicalMaxRaw) {
          g.logicalMin = g.logicalMinRaw;
          g.logicalMax = g.logicalMaxRaw;
        }
      }
    } else if (type === 2) {
      // Local item. A 4-byte usage carries its page in the high half.
      const full = (v: number): { page: number; id: number } =>
        size === 4 ? { page: Math.floor(v / 0x10000), id: v & 0xffff } : { page: g.usagePage, id: v };
      if (tag === 0x0) {
        if (usages.length >= MAX_FIELDS) return fail('too_large', 'too many usages', itemAt);
        usages.push(full(value));
      } else if (tag === 0x1) usageMin = full(value);
      else if (tag === 0x2) {
        if (!usageMin) return fail('malformed', 'Usage Maximum without Usage Minimum', itemAt);
        const max = full(value);
        if (max.id < usageMin.id || max.id - usageMin.id > MAX_FIELDS - usages.length)
          return fail('malformed', 'usage range out of order or too large', itemAt);
        for (let id = usageMin.id; id <= max.id; id++) usages.push({ page: usageMin.page, id });
        usageMin = null;
      }
      // Other local items (designators, strings, delimiters) do not affect decoding.
    } else {
      return fail('malformed', `reserved item type at 0x${prefix.toString(16)}`, itemAt);
    }
  }
  if (collections.length > 0)
    return fail('unbalanced', `${collections.length} collection(s) never closed`, bytes.length);
  const reportBytes = new Map<string, number>();
  for (const [key, bits] of bitCursor) reportBytes.set(key, Math.ceil(bits / 8));
  return decoded({ fields, usesReportIds, reportBytes });
}

/** Reads `size` bits little-endian from `bitOffset` (HID packs fields LSB first). */
export function readBits(data: Uint8Array, bitOffset: number, size: number): number {
  if ((bitOffset & 7) === 0 && (size & 7) === 0 && size <= 48) {
    // Byte-aligned fields (most X/Y/pressure): whole bytes, no bit loop.
    const start = bitOffset >> 3;
    let value = 0;
    for (let i = (size >> 3) - 1; i >= 0; i--) value = value * 256 + (data[start + i] ?? 0);
    return value;
  }
  let value = 0;
  let weight = 1;
  for (let i = 0; i < size; i++, weight *= 2) {
    const bit = bitOffset + i;
    if (((data[bit >> 3] ?? 0) >> (bit & 7)) & 1) value += weight;
  }
  return value;
}
