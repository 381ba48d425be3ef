/**
 * GA 467 SAM frames over USB HID. Readers that enumerate as HID carry the serial byte stream in
 * fixed-size reports; this station uses one documented framing for them (docs/devices.md, "ID card readers
 * over HID"):
 *
 *   [report id 0x02] [LEN: 1..62] [LEN bytes of the SAM stream] [zero padding to 64 bytes]
 *
 * in both directions. LEN says how much of the report is stream, so padding is never mistaken for
 * data; the chunks are concatenated and the SAM frames (AA AA AA 96 69, their own length and XOR
 * checksum) are reassembled from the stream by SamFrameReader, exactly as on a serial line.
 */
import { decoded, malformed, type CodecResult } from '../codec-result';
import type { HidReportCodec } from '../transport/hid-transport';
import { DeviceError } from '../transport/transport';

export const SAM_HID_REPORT_ID = 0x02;
/** Bytes per report including the report id (64-byte full-speed interrupt endpoint). */
export const SAM_HID_REPORT_SIZE = 64;
export const SAM_HID_MAX_CHUNK = SAM_HID_REPORT_SIZE - 2;

/** One report for each ≤62-byte chunk of `bytes`. */
export function encodeSamHidReports(bytes: Uint8Array): Uint8Array[] {
  const reports: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += SAM_HID_MAX_CHUNK) {
    const chunk = bytes.subarray(at, at + SAM_HID_MAX_CHUNK);
    const report = new Uint8Array(SAM_HID_REPORT_SIZE);
    report[0] = SAM_HID_REPORT_ID;
    report[1] = chunk.length;
    report.set(chunk, 2);
    reports.push(report);
  }
  return reports;
}

/** The stream bytes one report carries; a report that breaks the framing is a typed error. */
export function decodeSamHidReport(report: Uint8Array): CodecResult<Uint8Array> {
  if (report.length < 2)
    return malformed(`HID report of ${report.length} bytes: needs report id and LEN`, report.length);
  if (report[0] !== SAM_HID_REPORT_ID) return malformed(`HID report id 0x${report[0]!.toString(16)}, expected 0x02`, 0);
  const len = report[1]!;
  if (len === 0 || len > SAM_HID_MAX_CHUNK) return malformed(`HID chunk LEN ${len} outside 1..${SAM_HID_MAX_CHUNK}`, 1);
  if (2 + len > report.length)
    return malformed(`HID chunk LEN ${len} but only ${report.length - 2} bytes in the report`, 1);
  return decoded(report.slice(2, 2 + len));
}

/** HidTransport codec for GA 467 readers; a malformed input report is a DeviceError('protocol'). */
export const samHidReports: HidReportCodec = {
  toReports: encodeSamHidReports,
  fromReport(report) {
    const result = decodeSamHidReport(report);
    if (!result.ok) throw new DeviceError('protocol', result.error.message);
    return result.value;
  },
};
