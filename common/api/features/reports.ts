import { z } from 'zod';
import { HallComparison } from '../../sync/hall-comparison';
import { feature } from './feature';

/** A file the station made, as base64 (the station API travels as JSON). */
const ExportFile = z.object({ fileName: z.string(), base64: z.string() });

/** The manager tables an Excel export covers. */
export const EXPORT_TABLES = ['evaluations', 'kpis', 'refunds'] as const;

/** One operations report kept by the station. */
export const ReportEntry = z.object({
  file: z.string(),
  kind: z.enum(['daily', 'weekly']),
  from: z.string(),
  to: z.string(),
  title: z.string(),
  bytes: z.number().int(),
  createdAt: z.string(),
});

/** Exports of the manager's tables and the hall's operations reports. */
export const reports = feature({
  methods: {
    /** One manager table as .xlsx, over the hall days from…to (inclusive; both default to today). */
    'manager.exportTable': {
      input: z
        .object({
          table: z.enum(EXPORT_TABLES),
          from: z.string().date().optional(),
          to: z.string().date().optional(),
        })
        .strict(),
      output: ExportFile,
      roles: ['manager'],
      staff: ['manager'],
    },
    /** The operations reports kept in the data directory, newest first. */
    'manager.reports': {
      input: z.object({}).strict(),
      output: z.array(ReportEntry),
      roles: ['manager'],
      staff: ['manager'],
    },
    /** Makes the daily report of `day` or the weekly report of its week (default: today), as PDF. */
    'manager.generateReport': {
      input: z.object({ kind: z.enum(['daily', 'weekly']), day: z.string().date().optional() }).strict(),
      output: ReportEntry.extend({ ms: z.number() }),
      roles: ['manager'],
      staff: ['manager'],
    },
    /** 各厅对比: every hall's aggregates for the period, from the central (no personal data, no staff names). */
    'manager.compareHalls': {
      input: z.object({ from: z.string().date().optional(), to: z.string().date().optional() }).strict(),
      output: HallComparison,
      roles: ['manager'],
      staff: ['manager'],
    },
    /** One kept report's PDF. */
    'manager.reportFile': {
      input: z.object({ file: z.string().max(64) }).strict(),
      output: ExportFile,
      roles: ['manager'],
      staff: ['manager'],
    },
  },
});
