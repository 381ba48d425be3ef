import { z } from 'zod';
import { feature } from './feature';

/** A file the station made, as base64 (the station API travels as JSON). */
const ExportFile = z.object({ fileName: z.string(), base64: z.string() });

/** The manager tables an Excel export covers. */
export const EXPORT_TABLES = ['evaluations', 'kpis', 'refunds'] as const;

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
  },
});
