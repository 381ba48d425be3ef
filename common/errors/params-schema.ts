import { z } from 'zod';

/** An error text's parameters (ErrorParams) as they cross a process: a value, or a word in both languages. */
export const ErrorParamsSchema = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.object({ 'zh-CN': z.string(), en: z.string() })]),
);
