import type { DevicesOverview, DevicesStatus, IdCardView } from '@common/api/schemas';
import { AppFailure } from '@common/result';
import { maskAddress, maskIdNumber, maskName } from '@common/domain/mask';
import { DeviceConfigError, type DeviceConfig } from '../../devices/config/device-config';
import type { DiscoveredDevice } from '../../devices/discovery/device-discovery';
import { isDeviceError, toDeviceError } from '../../devices/transport/transport';
import type { ServiceContext } from './context';
import { deviceErrorText, deviceFailure } from './device-messages';
import type { DeviceConfigStore, DeviceDiscoveryPort, DeviceLogBook } from './ports/devices';
import type { StationIdCardReader } from './ports/id-card-reader';
import type { PrinterPort } from './ports/printers';

/** The printer and the log always; every other device is optional, so a station runs with what it has. */
export interface DevicesServiceDeps {
  ctx: ServiceContext;
  printer: PrinterPort | null;
  log: DeviceLogBook;
  reader?: StationIdCardReader | null;
  discovery?: DeviceDiscoveryPort | null;
  configFile?: DeviceConfigStore | null;
  /** The signature pad's slot (main/devices/signature-service.ts). */
  pad?: { slot(): DevicesOverview['pad'] } | null;
  /** A saved config re-creates the drivers it names (main/devices/station-devices.ts). */
  onConfigSaved?: (config: DeviceConfig) => Promise<void>;
}

const NO_READER = {
  name: '未配置读卡器 (no reader)',
  connected: false,
  cardPresent: false,
  lastError: null,
  lastReadAt: null,
};

const attachedView = (d: DiscoveredDevice): DevicesOverview['attached'][number] => ({
  key: d.key,
  kind: d.kind,
  path: d.path ?? (d.host ? `${d.host}:${d.port ?? ''}` : null),
  vendorId: d.vendorId ?? null,
  productId: d.productId ?? null,
  product: d.product ?? d.manufacturer ?? null,
  driver: d.driver,
  via: d.via,
});

const usbHex = (n: number | undefined): string => (n === undefined ? '?' : n.toString(16).padStart(4, '0'));

/** For screens that only confirm a read (the devices page): name, number and address masked. */
const maskedCard = (card: IdCardView): IdCardView => ({
  ...card,
  name: maskName(card.name),
  idNumber: maskIdNumber(card.idNumber),
  address: card.address === null ? null : maskAddress(card.address),
  ...(card.englishName ? { englishName: maskName(card.englishName) } : {}),
});

export class DevicesService {
  readonly log: DeviceLogBook;
  private readonly printer: PrinterPort | null;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(private readonly deps: DevicesServiceDeps) {
    this.printer = deps.printer;
    this.log = deps.log;
    const events = deps.ctx.events;
    this.unsubscribe.push(this.log.onEntry((entry) => events.emit('devices.log', entry)));
    if (deps.reader) {
      this.unsubscribe.push(
        deps.reader.on((event) => {
          if (event.type === 'read') {
            events.emit('idcard.read', event.card);
            this.log.add(
              'idcard',
              event.card.idNumberValid ? 'info' : 'warn',
              `读卡成功 card read: ${maskedCard(event.card).name} ${maskedCard(event.card).idNumber}${event.card.idNumberValid ? '' : ' — 证件号码校验位错误 (check digit wrong)'}`,
            );
          } else if (event.type === 'removed') {
            events.emit('idcard.removed', {});
            this.log.add('idcard', 'info', '证件已移开 card removed');
          } else if (event.type === 'error') {
            this.log.add('idcard', 'error', deviceErrorText(event.error));
          }
          events.emit('devices.changed', {});
        }),
      );
    }
    if (deps.discovery) {
      this.unsubscribe.push(
        deps.discovery.on((event) => {
          if (event.type === 'error')
            this.log.addOncePerCause('discovery', 'warn', `设备枚举失败 enumeration failed: ${event.error.message}`);
          else {
            this.log.forgetCauses('discovery');
            const d = event.device;
            const what = `${d.kind} ${d.path ?? ''} ${usbHex(d.vendorId)}:${usbHex(d.productId)}${d.driver ? ` → ${d.driver} (${d.via})` : ''}`;
            this.log.add(
              'discovery',
              'info',
              `${event.type === 'attached' ? '设备接入 attached' : '设备拔出 detached'}: ${what}`,
            );
          }
          events.emit('devices.changed', {});
        }),
      );
    }
  }

  dispose(): void {
    for (const off of this.unsubscribe.splice(0)) off();
  }

  status(): DevicesStatus {
    if (!this.printer) {
      return {
        printer: {
          name: '未配置 (none)',
          connected: false,
          paperOut: false,
          coverOpen: false,
          queued: 0,
          lastError: null,
        },
        receipts: [],
      };
    }
    return { printer: this.printer.status(), receipts: this.printer.recentReceipts() };
  }

  async overview(): Promise<DevicesOverview> {
    return {
      reader: this.deps.reader?.status() ?? NO_READER,
      pad: this.deps.pad?.slot() ?? { name: '未配置签名板 (no signature pad)', connected: false, lastError: null },
      jobs: this.printer ? await this.printer.jobs() : [],
      attached: (this.deps.discovery?.devices() ?? []).map(attachedView),
      log: this.log.entries(100),
      configPath: this.deps.configFile?.path ?? null,
    };
  }

  async printTest(): Promise<{ jobId: string }> {
    if (!this.printer) throw new AppFailure('device_error', 'device.noPrinter');
    return { jobId: await this.printer.printTestPage() };
  }

  async printSample(kind: 'test_page' | 'payment_receipt' | 'acceptance_slip'): Promise<{ jobId: string }> {
    if (!this.printer) throw new AppFailure('device_error', 'device.noPrinter');
    const jobId = await this.printer.printSample(kind);
    this.log.add('printer', 'info', `样张已排队 sample queued: ${kind} (${jobId})`);
    return { jobId };
  }

  async reprint(actor: string | null, jobId: string): Promise<{ jobId: string }> {
    if (!this.printer) throw new AppFailure('device_error', 'device.noPrinter');
    try {
      const newId = await this.printer.reprint(jobId);
      await this.deps.ctx.audit(actor, 'devices.reprint', { jobId, newJobId: newId });
      this.log.add('printer', 'info', `补打 reprint of ${jobId} queued as ${newId}`);
      return { jobId: newId };
    } catch (error) {
      if (isDeviceError(error)) {
        this.log.add('printer', 'warn', `补打 reprint of ${jobId} refused: ${error.message}`);
        throw new AppFailure('not_found', 'device.nothingToReprint', {}, 'jobId');
      }
      throw error;
    }
  }

  /** Test action: read now. The answer is masked (the technician checks the reader, not the person). */
  async readIdCard(actor: string | null): Promise<IdCardView> {
    const reader = this.deps.reader;
    if (!reader) throw new AppFailure('device_error', 'device.noIdReader');
    try {
      const card = await reader.readNow();
      await this.deps.ctx.audit(actor, 'devices.readIdCard', {
        cardType: card.cardType,
        idNumber: maskedCard(card).idNumber,
      });
      return maskedCard(card);
    } catch (error) {
      if (error instanceof AppFailure) throw error;
      // The reader's own error event has already put the detail in the device log.
      throw deviceFailure(toDeviceError(error, 'protocol'));
    }
  }

  config(): { path: string | null; text: string } {
    const file = this.deps.configFile;
    if (!file) throw new AppFailure('unavailable', 'device.noConfigFile');
    return { path: file.path, text: file.readText() };
  }

  async saveConfig(actor: string | null, text: string): Promise<{ path: string | null; text: string }> {
    const file = this.deps.configFile;
    if (!file) throw new AppFailure('unavailable', 'device.noConfigFile');
    try {
      const config = file.save(text);
      this.deps.discovery?.setConfig(config);
      await this.deps.ctx.audit(actor, 'devices.saveConfig', { rules: config.devices.length });
      this.log.add('config', 'info', `设备配置已保存 device config saved (${config.devices.length} rules)`);
      await this.deps.onConfigSaved?.(config);
      this.deps.ctx.events.emit('devices.changed', {});
      return { path: file.path, text: file.readText() };
    } catch (error) {
      if (error instanceof DeviceConfigError) {
        throw new AppFailure('validation', 'device.configInvalid', { problem: error.message }, error.field || 'text');
      }
      throw error;
    }
  }
}
