import { z } from 'zod';
import * as C from '../customer-schemas';
import { CustomerVisit } from '../customer-screen-schemas';
import { feature } from './feature';

/** The counter's customer lookup: search, the account with bills and payments, masked data revealed, past visits. */
export const customers = feature({
  methods: {
    'customer.search': {
      input: z
        .object({
          query: z.string().min(1, 'customer.queryEmpty').max(40, 'customer.queryTooLong'),
          limit: z.number().int().min(1).max(100).default(20),
        })
        .strict(),
      output: C.CustomerSearchResult,
      roles: ['counter'],
      staff: ['agent', 'manager'],
    },
    'customer.view': {
      input: z.object({ customerId: z.number().int().positive() }).strict(),
      output: C.CustomerView,
      roles: ['counter'],
      staff: ['agent', 'manager'],
    },
    'customer.reveal': {
      input: z.object({ customerId: z.number().int().positive(), field: C.RevealField }).strict(),
      output: z.object({ value: z.string() }),
      roles: ['counter'],
      staff: ['agent', 'manager'],
    },
    /** The customer's earlier tickets in this hall (newest first) and their ratings. */
    'customer.visits': {
      input: z.object({ customerId: z.number().int().positive() }).strict(),
      output: z.array(CustomerVisit),
      roles: ['counter'],
      staff: ['agent', 'manager'],
    },
  },
  events: {
    /** A customer's bills, balance, payments or risk changed (pulled from the central): an open view reloads. */
    'customer.changed': { payload: z.object({ customerId: z.number().int() }), roles: ['counter'] },
  },
});
