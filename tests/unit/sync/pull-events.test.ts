import { describe, expect, it } from 'vitest';
import type { EventName } from '@common/api/contract';
import type { AppliedChange } from '../../../main/storage/ops/sync';
import { eventsFromPull, type EventSink } from '../../../main/sync/pull-events';

/** A pulled batch raises the events a local change would (main/sync/pull-events.ts). */
const DAY = '2026-12-04';
const AT = '2026-12-04T02:00:00.000Z';

function collect(applied: AppliedChange[]): [EventName, unknown][] {
  const seen: [EventName, unknown][] = [];
  const sink: EventSink = { emit: (event, payload) => void seen.push([event, payload]) };
  eventsFromPull(sink, DAY, applied);
  return seen;
}

const change = (c: Partial<AppliedChange> & Pick<AppliedChange, 'entity' | 'id'>): AppliedChange => ({
  row: {},
  isNew: true,
  ...c,
});

describe('eventsFromPull', () => {
  it('an empty batch still refreshes the queue of the day', () => {
    expect(collect([])).toEqual([['queue.changed', { day: DAY }]]);
  });

  it('a new call is announced; a call seen before is not', () => {
    const row = { ticket_id: 'tk-1', ticket_no: 'A001', window_no: 3, recall: 0, at: AT };
    expect(
      collect([
        change({ entity: 'call', id: 'call-1', row }),
        change({ entity: 'call', id: 'call-2', row, isNew: false }),
      ]),
    ).toEqual([
      [
        'ticket.called',
        { ticketId: 'tk-1', ticketNo: 'A001', windowNo: 3, text: '请 A001 号到 3 号窗口办理', recall: false, at: AT },
      ],
      ['queue.changed', { day: DAY }],
    ]);
  });

  it('a ticket finished at a window asks that window for its rating', () => {
    const events = collect([
      change({ entity: 'ticket', id: 'tk-1', row: { status: 'finished', window_no: 2 }, isNew: false }),
      change({ entity: 'ticket', id: 'tk-2', row: { status: 'serving', window_no: 2 }, isNew: false }),
      change({ entity: 'ticket', id: 'tk-3', row: { status: 'finished', window_no: null }, isNew: false }),
    ]);
    expect(events).toEqual([
      ['rating.requested', { windowNo: 2, ticketId: 'tk-1' }],
      ['queue.changed', { day: DAY }],
    ]);
  });

  it('a new rating is recorded on the screens', () => {
    const row = {
      id: 'rt-1',
      ticket_id: 'tk-1',
      ticket_no: 'A001',
      window_no: 2,
      staff_id: 'S1001',
      level: 'satisfied',
      dimensions: '{}',
      reason: null,
      created_at: AT,
    };
    expect(collect([change({ entity: 'rating', id: 'rt-1', row })])[0]).toEqual([
      'rating.recorded',
      {
        id: 'rt-1',
        ticketId: 'tk-1',
        ticketNo: 'A001',
        windowNo: 2,
        staffId: 'S1001',
        level: 'satisfied',
        dimensions: {},
        reason: null,
        createdAt: AT,
      },
    ]);
  });

  it('an application, its signature request, signature or attachment refreshes that application', () => {
    const events = collect([
      change({ entity: 'application', id: 'app-1', row: { window_no: 4 } }),
      change({ entity: 'signatureRequest', id: 'sr-1', row: { application_id: 'app-1', window_no: 4 } }),
      change({ entity: 'applicationSignature', id: 'sg-1', row: { application_id: 'app-1' } }),
      change({ entity: 'applicationAttachment', id: 'at-1', row: { application_id: 'app-2' } }),
      change({ entity: 'audit', id: 'au-1' }),
    ]);
    expect(events).toEqual([
      ['application.changed', { applicationId: 'app-1', windowNo: 4 }],
      ['application.changed', { applicationId: 'app-1', windowNo: 4 }],
      ['application.changed', { applicationId: 'app-1', windowNo: null }],
      ['application.changed', { applicationId: 'app-2', windowNo: null }],
      ['queue.changed', { day: DAY }],
    ]);
  });
});
