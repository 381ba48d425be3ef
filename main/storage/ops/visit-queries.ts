import type { WorkerState } from '../worker-state';

export interface VisitRow {
  ticket_id: string;
  ticket_no: string;
  day: string;
  business_type: string;
  window_no: number | null;
  started_at: string | null;
  finished_at: string | null;
  agent_name: string | null;
  agent_staff_no: string | null;
  by_payment: number;
  by_application: number;
  rating_level: string | null;
  rating_dimensions: string | null;
  rating_reason: string | null;
  rating_at: string | null;
}

/**
 * A customer's tickets in this hall, newest first: tickets are anonymous, so a ticket is theirs when
 * a payment was taken for them on it, or their application was sent for signature while it was served.
 * Synced rows from other stations count the same as local ones.
 */
export function customerVisits(s: WorkerState, a: { customerId: number; limit: number }): VisitRow[] {
  return s.tx.all<VisitRow>(
    `WITH linked AS (
       SELECT ticket_id, 1 AS p, 0 AS ap FROM payment_orders WHERE customer_id = ? AND ticket_id IS NOT NULL
       UNION ALL
       SELECT r.ticket_id, 0, 1 FROM signature_requests r JOIN applications ap ON ap.id = r.application_id
        WHERE ap.customer_id = ? AND r.ticket_id IS NOT NULL
     ), visits AS (SELECT ticket_id, max(p) AS by_payment, max(ap) AS by_application FROM linked GROUP BY ticket_id)
     SELECT t.id AS ticket_id, t.number AS ticket_no, t.day, t.business_type, t.window_no, t.started_at, t.finished_at,
            st.name AS agent_name, st.staff_no AS agent_staff_no, v.by_payment, v.by_application,
            r.level AS rating_level, r.dimensions AS rating_dimensions, r.reason AS rating_reason, r.created_at AS rating_at
       FROM visits v JOIN tickets t ON t.id = v.ticket_id
       LEFT JOIN staff st ON st.id = t.staff_id
       LEFT JOIN ratings r ON r.ticket_id = t.id
      ORDER BY t.issued_at DESC LIMIT ?`,
    a.customerId,
    a.customerId,
    a.limit,
  );
}
