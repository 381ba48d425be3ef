import { z } from 'zod';
import { StationRole } from '../../sync/station-roles';
import * as S from '../schemas';
import { feature } from './feature';

/** The station itself, its sync state, and the hall's stations as the central knows them. */
export const station = feature({
  methods: {
    'station.info': {
      input: z.object({}).strict(),
      output: S.StationInfo,
      roles: ['kiosk', 'counter', 'rate', 'display', 'guide', 'manager', 'devices'],
    },
    'sync.enrollmentCode': {
      input: z.object({ role: StationRole }).strict(),
      output: S.EnrollmentCodeInfo,
      roles: ['manager'],
      staff: ['manager'],
    },
    'sync.stations': {
      input: z.object({}).strict(),
      output: z.array(S.HallStation),
      roles: ['manager'],
      staff: ['manager'],
    },
    /** This station's latest warnings and errors from its log (redacted), for the devices and station pages. */
    'station.recentErrors': {
      input: z.object({ limit: z.number().int().min(1).max(200).default(50) }).strict(),
      output: z.array(S.RecentLogLine),
      roles: ['manager', 'devices'],
      staff: ['manager', 'technician'],
    },
    'sync.revokeStation': {
      input: z.object({ clientId: z.string().min(1).max(64) }).strict(),
      output: z.object({ revoked: z.boolean() }),
      roles: ['manager'],
      staff: ['manager'],
    },
  },
  events: {
    'sync.status': {
      payload: S.SyncStatus,
      roles: ['kiosk', 'counter', 'rate', 'display', 'guide', 'manager', 'devices'],
    },
  },
});
