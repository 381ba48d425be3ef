import type { Rating, StaffPublic, Ticket } from '@common/api/schemas';

/** Row → API shape mappers, shared by every query that returns these entities. */
export interface TicketRow {
  id: string;
  number: string;
  business_type: string;
  priority: Ticket['priority'];
  status: Ticket['status'];
  issued_at: string;
  called_at: string | null;
  call_count: number;
  window_no: number | null;
  staff_id: string | null;
  started_at: string | null;
  finished_at: string | null;
}

export const toTicket = (r: TicketRow): Ticket => ({
  id: r.id,
  number: r.number,
  businessType: r.business_type,
  priority: r.priority,
  status: r.status,
  issuedAt: r.issued_at,
  calledAt: r.called_at,
  callCount: r.call_count,
  windowNo: r.window_no,
  staffId: r.staff_id,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
});

export interface StaffRow {
  id: string;
  staff_no: string;
  name: string;
  role: 'agent' | 'manager' | 'guide' | 'technician';
  title: string;
  photo: string;
  star_level: number;
  pin_hash: string;
}

export const toStaffPublic = (r: StaffRow): StaffPublic => ({
  id: r.id,
  staffNo: r.staff_no,
  name: r.name,
  title: r.title,
  photo: r.photo,
  starLevel: r.star_level,
});

export interface RatingRow {
  id: string;
  ticket_id: string;
  ticket_no: string;
  window_no: number;
  staff_id: string;
  level: Rating['level'];
  dimensions: string;
  reason: string | null;
  created_at: string;
}

export const toRating = (r: RatingRow): Rating => ({
  id: r.id,
  ticketId: r.ticket_id,
  ticketNo: r.ticket_no,
  windowNo: r.window_no,
  staffId: r.staff_id,
  level: r.level,
  dimensions: JSON.parse(r.dimensions) as Rating['dimensions'],
  reason: r.reason,
  createdAt: r.created_at,
});

export const TICKET_COLUMNS =
  'id, number, business_type, priority, status, issued_at, called_at, call_count, window_no, staff_id, started_at, finished_at';
