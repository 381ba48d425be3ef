/** The pure queue core: ticket state machine, fairness, numbering, KPIs. No I/O, no clock. */
export * from './time';
export * from './ticket-state';
export * from './fairness';
export * from './numbering';
export * from './kpi';
export * from './settings';
