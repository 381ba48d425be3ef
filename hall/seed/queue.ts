import type Database from 'better-sqlite3';
import { BUSINESS_TYPES } from '@common/domain/business-types';
import { DEFAULT_QUEUE_SETTINGS } from '@common/queue/settings';
import { hallDay } from '../../main/services/clock';
import { WINDOWS } from './hall';

/**
 * Queue configuration defaults and demo appointments. The demo issues all day (00:00–24:00)
 * so the demo and the tests work whenever they run; a real hall sets its hours on the manager's
 * 排队配置 tab. Each window's first type is its main business (priority 2), the others secondary (1).
 */
export const DEMO_APPOINTMENT_PHONES = ['13800138000', '13912345678', '18600001111'];

/**
 * `phoneHash`: the hall's keyed lookup hash of a phone (as customers' `phone_hash`), so a full number
 * can be checked at check-in. Stored as hex text: appointment rows travel through the sync change log
 * as JSON, where a Buffer would not come back as bytes.
 */
export function seedQueue(
  db: Database.Database,
  hallId: string,
  today = new Date(),
  phoneHash?: (phone: string) => string,
): { appointments: number } {
  const at = today.toISOString();
  db.prepare('INSERT OR IGNORE INTO queue_settings (hall_id, config, updated_at) VALUES (?, ?, ?)').run(
    hallId,
    JSON.stringify(DEFAULT_QUEUE_SETTINGS),
    at,
  );
  const ty = db.prepare(
    'INSERT OR IGNORE INTO queue_type_config (id, hall_id, code, prefix, daily_cap, hours, waiting_warn_at, target_wait_min, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const t of BUSINESS_TYPES)
    ty.run(
      `${hallId}/${t.code}`,
      hallId,
      t.code,
      t.prefix,
      t.dailyCap,
      JSON.stringify([{ from: '00:00', to: '24:00' }]),
      30,
      t.targetWaitMin,
      at,
    );
  const win = db.prepare(
    'INSERT OR IGNORE INTO window_state (id, hall_id, window_no, status, types, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  for (const w of WINDOWS)
    win.run(
      `${hallId}/${w.windowNo}`,
      hallId,
      w.windowNo,
      'open',
      JSON.stringify(w.businessTypes.map((code, i) => ({ code, priority: i === 0 ? 2 : 1 }))),
      at,
    );
  // Appointments for the next seven days: three a day on the hour from 09:00, codes like AP0301 (day 03, slot 1).
  const ap = db.prepare(
    'INSERT OR IGNORE INTO appointments (id, hall_id, code, phone_tail, phone_hash, business_type, slot_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const types = ['NEW', 'CAP', 'XFER'];
  let n = 0;
  for (let d = 0; d < 7; d++) {
    const day = hallDay(new Date(today.getTime() + d * 86_400_000));
    for (let k = 0; k < 3; k++) {
      const code = `AP${day.slice(8, 10)}${String(k + 1).padStart(2, '0')}`;
      const slot = new Date(`${day}T${String(9 + k * 2).padStart(2, '0')}:00:00+08:00`).toISOString();
      const phone = DEMO_APPOINTMENT_PHONES[k]!;
      ap.run(`ap-${hallId}-${day}-${k}`, hallId, code, phone.slice(-4), phoneHash?.(phone) ?? null, types[k]!, slot);
      n++;
    }
  }
  return { appointments: n };
}
