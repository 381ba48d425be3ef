import { renameSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Dialog } from 'electron';
import { StationConfig } from './roles-config';

/*
 * The first start of an installed console: no station.json yet. Instead of silently becoming a
 * kiosk, it asks once which station this PC is and writes station.json (the technician edits
 * the file later for a central, a window number or an update URL).
 */
export interface FirstRunChoice {
  label: string;
  config: StationConfig;
}

export const FIRST_RUN_CHOICES: readonly FirstRunChoice[] = [
  { label: '自助终端 Kiosk', config: StationConfig.parse({ station: 'kiosk' }) },
  { label: '柜台 Counter (窗口 1)', config: StationConfig.parse({ station: 'counter', windowNo: 1 }) },
  { label: '叫号屏 Calling display', config: StationConfig.parse({ station: 'display' }) },
  { label: '引导台 Guide desk', config: StationConfig.parse({ station: 'guide' }) },
  { label: '主任 Manager', config: StationConfig.parse({ station: 'manager' }) },
  { label: '设备调试 Devices', config: StationConfig.parse({ station: 'devices' }) },
];

/** station.json written whole or not at all (a power cut mid-write must not leave half a file). */
export function writeStationConfig(file: string, config: StationConfig): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(config, null, 2)}\n`);
  renameSync(temp, file);
}

/** The dialog, the choice, the file: null when the person closes the dialog (the kiosk default then applies, unsaved). */
export function chooseStationType(dialog: Pick<Dialog, 'showMessageBoxSync'>, file: string): StationConfig | null {
  const buttons = [...FIRST_RUN_CHOICES.map((c) => c.label), '稍后 Later'];
  const index = dialog.showMessageBoxSync({
    type: 'question',
    title: '营业厅运营终端 Hall Console',
    message: '这台电脑是哪一种站点？\nWhich station is this PC?',
    detail: `选择会保存在 (saved in) ${file}，以后可由技术人员修改 (a technician can change it later).`,
    buttons,
    cancelId: buttons.length - 1,
    defaultId: 0,
    noLink: true,
  });
  const choice = FIRST_RUN_CHOICES[index];
  if (!choice) return null;
  writeStationConfig(file, choice.config);
  return choice.config;
}
