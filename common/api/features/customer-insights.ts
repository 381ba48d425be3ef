import { z } from 'zod';
import * as I from '../customer-insights-schemas';
import { TagCode } from '../../analytics/catalogue';
import { feature } from './feature';

/** Customer tags, fee-recovery risk and value: the counter's customer view, the guide's green channel, the manager's lists. */
export const customerInsights = feature({
  methods: {
    /**
     * Whether the green channel suits a customer (独居老人, 行动不便…). Staff only: whether someone
     * lives alone is personal, so an anonymous screen cannot ask it of any customer id.
     */
    'customer.greenChannel': {
      input: z.object({ customerId: z.number().int().positive() }).strict(),
      output: z.object({
        greenChannel: z.boolean(),
        tags: z.array(z.object({ nameZh: z.string(), nameEn: z.string() })),
      }),
      roles: ['guide', 'counter'],
      staff: ['guide', 'agent', 'manager'],
    },
    /** Set (on) or remove a manual tag, with the reason. */
    'customer.setTag': {
      input: z
        .object({
          customerId: z.number().int().positive(),
          code: TagCode,
          on: z.boolean(),
          reason: z.string().max(200),
        })
        .strict(),
      output: I.CustomerInsights,
      roles: ['counter', 'guide', 'manager'],
      staff: ['agent', 'manager', 'guide'],
    },
    'manager.highRisk': {
      input: I.HighRiskQuery,
      output: z.object({
        rows: z.array(I.HighRiskRow),
        scored: z.number().int(),
        modelVersion: z.number().int().nullable(),
      }),
      roles: ['manager'],
      staff: ['manager'],
    },
    /** The high-risk list as an Excel workbook (base64). */
    'manager.highRiskExport': {
      input: I.HighRiskQuery,
      output: z.object({ fileName: z.string(), base64: z.string() }),
      roles: ['manager'],
      staff: ['manager'],
    },
    'manager.recordFollowup': {
      input: I.FollowupInput,
      output: z.object({ id: z.string() }),
      roles: ['manager'],
      staff: ['manager'],
    },
    'manager.tagCatalogue': {
      input: z.object({}).strict(),
      output: z.array(I.TagCatalogueEntry),
      roles: ['manager'],
      staff: ['manager'],
    },
    'manager.defineTag': {
      input: z
        .object({
          code: TagCode,
          nameZh: z.string().max(20),
          nameEn: z.string().max(40),
          kind: z.enum(['rule', 'manual']),
          rule: z.unknown().nullable(),
          validDays: z.number().int().min(1).max(3650).nullable(),
          owner: z.string().max(40),
          hint: z.enum(['greenChannel', 'counter']).nullable(),
          active: z.boolean(),
        })
        .strict(),
      output: z.array(I.TagCatalogueEntry),
      roles: ['manager'],
      staff: ['manager'],
    },
  },
});
