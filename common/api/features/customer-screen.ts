import { z } from 'zod';
import { PadSummarySchema, SignaturePointSchema, SignatureSchema } from '../../domain/signature';
import { PadSignEnded, PadStatus } from '../customer-screen-schemas';
import { CustomerReview } from '../journey-schemas';
import { feature } from './feature';

const RequestId = z.string().min(8).max(64);

/** The customer-facing screen beside the counter: reviewing an application and signing it, on the touchscreen or the pad. */
export const customerScreen = feature({
  methods: {
    'rate.review': { input: z.object({}).strict(), output: CustomerReview.nullable(), roles: ['rate'] },
    'rate.sign': {
      input: z.object({ requestId: RequestId, signature: SignatureSchema }).strict(),
      output: CustomerReview,
      roles: ['rate'],
    },
    'rate.padStatus': { input: z.object({}).strict(), output: PadStatus, roles: ['rate'] },
    /** Start the signature for this review on the pad; strokes and the end arrive as events (a customer may take minutes). */
    'rate.padSign': {
      input: z.object({ requestId: RequestId, summary: PadSummarySchema.optional() }).strict(),
      output: z.object({ started: z.literal(true) }),
      roles: ['rate'],
    },
  },
  events: {
    /** A stroke finished on the pad during a customer-screen signature (for this window's screen only). */
    'rate.padStroke': {
      payload: z.object({ windowNo: z.number().int(), requestId: z.string(), stroke: z.array(SignaturePointSchema) }),
      roles: ['rate'],
    },
    'rate.padEnded': { payload: PadSignEnded, roles: ['rate'] },
  },
});
