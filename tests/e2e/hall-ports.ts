/** Ports of the e2e hall (tests/e2e/hall-server.ts): five stations and the control port. */
export const STATION_PORTS = { kiosk: 4781, display: 4782, counter: 4783, rate: 4784, manager: 4785 } as const;
export const HALL_CONTROL_PORT = 4790;
