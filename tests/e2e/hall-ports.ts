/**
 * Ports of the e2e hall (tests/e2e/hall-server.ts): five stations and the control port.
 * HALL_E2E_PORT_BASE moves them all, so two checkouts can run their e2e suites side by side.
 */
const base = Number(process.env.HALL_E2E_PORT_BASE ?? 4780);
export const STATION_PORTS = {
  kiosk: base + 1,
  display: base + 2,
  counter: base + 3,
  rate: base + 4,
  manager: base + 5,
} as const;
export const HALL_CONTROL_PORT = base + 10;
export const HALL_CONTROL_URL = `http://127.0.0.1:${HALL_CONTROL_PORT}`;
