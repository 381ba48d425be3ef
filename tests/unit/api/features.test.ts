import { describe, expect, it } from 'vitest';
import { EVENT_NAMES, FEATURES, METHOD_NAMES } from '@common/api/contract';
import { ROLES, STAFF_ROLES } from '@common/api/roles';

/** The features' declarations: each name once, each with an audience that exists. */
const features = Object.entries(FEATURES);
const methods = features.flatMap(([feature, f]) =>
  Object.entries(f.methods).map(([name, spec]) => ({ feature, name, spec })),
);
const events = features.flatMap(([feature, f]) =>
  Object.entries(f.events).map(([name, spec]) => ({ feature, name, spec })),
);

describe('station API features', () => {
  it('declare every method and every event exactly once', () => {
    expect(methods.map((m) => m.name).sort()).toEqual([...METHOD_NAMES].sort());
    expect(events.map((e) => e.name).sort()).toEqual([...EVENT_NAMES].sort());
  });

  it('give every method at least one window role, each real and named once', () => {
    for (const { feature, name, spec } of methods) {
      const where = `${feature}: ${name}`;
      expect(spec.roles.length, where).toBeGreaterThan(0);
      expect(new Set(spec.roles).size, where).toBe(spec.roles.length);
      for (const role of spec.roles) expect(ROLES, where).toContain(role);
    }
  });

  it('name real staff roles, at least one, for each staff-only method', () => {
    for (const { feature, name, spec } of methods) {
      if (!('staff' in spec)) continue;
      const where = `${feature}: ${name}`;
      expect(spec.staff.length, where).toBeGreaterThan(0);
      expect(new Set(spec.staff).size, where).toBe(spec.staff.length);
      for (const role of spec.staff) expect(STAFF_ROLES, where).toContain(role);
    }
  });

  it('give every event at least one receiving window role, each real and named once', () => {
    for (const { feature, name, spec } of events) {
      const where = `${feature}: ${name}`;
      expect(spec.roles.length, where).toBeGreaterThan(0);
      expect(new Set(spec.roles).size, where).toBe(spec.roles.length);
      for (const role of spec.roles) expect(ROLES, where).toContain(role);
    }
  });
});
