import { z } from 'zod';
import * as Q from '../queue-schemas';
import * as S from '../schemas';
import { feature } from './feature';

/** The agent's window: calling, serving and passing on tickets, and the window's own status. */
export const counter = feature({
  methods: {
    'counter.state': {
      input: z.object({}).strict(),
      output: S.WindowState,
      roles: ['counter'],
      staff: ['agent', 'manager'],
    },
    'counter.panel': {
      input: z.object({}).strict(),
      output: Q.CounterPanel,
      roles: ['counter'],
      staff: ['agent', 'manager'],
    },
    'counter.callNext': {
      input: z.object({}).strict(),
      output: S.Ticket.nullable(),
      roles: ['counter'],
      staff: ['agent', 'manager'],
    },
    'counter.callTicket': {
      input: z
        .object({ ticketId: S.TicketId, reason: z.string().trim().min(1, 'queue.callReasonMissing').max(200) })
        .strict(),
      output: Q.QueueTicketView,
      roles: ['counter'],
      staff: ['agent', 'manager'],
    },
    'counter.recall': {
      input: z.object({ ticketId: S.TicketId }).strict(),
      output: S.Ticket,
      roles: ['counter'],
      staff: ['agent', 'manager'],
    },
    'counter.start': {
      input: z.object({ ticketId: S.TicketId }).strict(),
      output: S.Ticket,
      roles: ['counter'],
      staff: ['agent', 'manager'],
    },
    'counter.finish': {
      input: z.object({ ticketId: S.TicketId }).strict(),
      output: S.Ticket,
      roles: ['counter'],
      staff: ['agent', 'manager'],
    },
    'counter.noShow': {
      input: z.object({ ticketId: S.TicketId }).strict(),
      output: Q.QueueTicketView,
      roles: ['counter'],
      staff: ['agent', 'manager'],
    },
    'counter.park': {
      input: z.object({ ticketId: S.TicketId, reason: z.string().trim().max(200).optional() }).strict(),
      output: Q.QueueTicketView,
      roles: ['counter'],
      staff: ['agent', 'manager'],
    },
    'counter.resume': {
      input: z.object({ ticketId: S.TicketId }).strict(),
      output: Q.QueueTicketView,
      roles: ['counter'],
      staff: ['agent', 'manager'],
    },
    'counter.transfer': {
      input: z
        .object({
          ticketId: S.TicketId,
          toType: S.BusinessCode.optional(),
          toWindow: S.WindowNo.optional(),
          toAgent: z.string().min(1).max(64).optional(),
          reason: z.string().trim().max(200).optional(),
        })
        .strict(),
      output: Q.QueueTicketView,
      roles: ['counter'],
      staff: ['agent', 'manager'],
    },
    'counter.setStatus': {
      input: z.object({ status: Q.WindowStatus, reason: z.string().trim().max(200).optional() }).strict(),
      output: Q.CounterPanel,
      roles: ['counter'],
      staff: ['agent', 'manager'],
    },
  },
});
