import { z } from 'zod';
import { PadSummarySchema, SignatureCaptureSchema, SignaturePointSchema } from '../../domain/signature';
import * as S from '../schemas';
import { feature } from './feature';

const ConfigFile = z.object({ path: z.string().nullable(), text: z.string() });

/** The station's devices (printer, ID card reader, signature pad) as the technician tests and configures them. */
export const devices = feature({
  methods: {
    'devices.status': {
      input: z.object({}).strict(),
      output: S.DevicesStatus,
      roles: ['devices'],
      staff: ['technician', 'manager'],
    },
    'devices.overview': {
      input: z.object({}).strict(),
      output: S.DevicesOverview,
      roles: ['devices'],
      staff: ['technician', 'manager'],
    },
    'devices.printTest': {
      input: z.object({}).strict(),
      output: z.object({ jobId: z.string() }),
      roles: ['devices'],
      staff: ['technician', 'manager'],
    },
    'devices.printSample': {
      input: z.object({ kind: S.SampleSlipKind }).strict(),
      output: z.object({ jobId: z.string() }),
      roles: ['devices'],
      staff: ['technician', 'manager'],
    },
    'devices.reprint': {
      input: z.object({ jobId: z.string().min(1).max(100) }).strict(),
      output: z.object({ jobId: z.string() }),
      roles: ['devices'],
      staff: ['technician', 'manager'],
    },
    /** Test action: one read now (also published as idcard.read); the answer is masked. */
    'devices.readIdCard': {
      input: z.object({}).strict(),
      output: S.IdCardView,
      roles: ['devices'],
      staff: ['technician', 'manager'],
    },
    /** Technician test: capture one signature on the station's pad (ends on 确认/取消, idle, timeout or unplug). */
    'devices.captureSignature': {
      input: z
        .object({
          timeoutMs: z.number().int().min(1000).max(180_000).default(60_000),
          summary: PadSummarySchema.optional(),
        })
        .strict(),
      output: SignatureCaptureSchema,
      roles: ['devices'],
      staff: ['technician', 'manager'],
    },
    'devices.config': {
      input: z.object({}).strict(),
      output: ConfigFile,
      roles: ['devices'],
      staff: ['technician', 'manager'],
    },
    'devices.saveConfig': {
      input: z.object({ text: z.string().max(64_000) }).strict(),
      output: ConfigFile,
      roles: ['devices'],
      staff: ['technician', 'manager'],
    },
  },
  events: {
    'devices.changed': { payload: z.object({}), roles: ['devices'] },
    /** One line of the devices' live log. */
    'devices.log': { payload: S.DeviceLogEntry, roles: ['devices'] },
    /** A finished stroke during a signature capture, for the live preview. */
    'devices.signatureStroke': { payload: z.object({ stroke: z.array(SignaturePointSchema) }), roles: ['devices'] },
    /** The station's ID card reader read a card (full fields: the counter fills its forms from it). */
    'idcard.read': { payload: S.IdCardView, roles: ['counter', 'devices'] },
    'idcard.removed': { payload: z.object({}), roles: ['counter', 'devices'] },
  },
});
