/** The window roles: each renderer window is one of them. */
export const ROLES = ['kiosk', 'counter', 'rate', 'display', 'guide', 'manager', 'devices'] as const;
export type Role = (typeof ROLES)[number];
export const isRole = (value: unknown): value is Role =>
  typeof value === 'string' && (ROLES as readonly string[]).includes(value);

/** Roles bound to a counter window number (the agent screen and the customer-facing screen). */
export const WINDOW_ROLES: readonly Role[] = ['counter', 'rate'];

/** The staff roles a login carries; a staff-only call names those it accepts. */
export const STAFF_ROLES = ['agent', 'manager', 'guide', 'technician'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
