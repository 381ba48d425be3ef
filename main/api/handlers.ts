import pkg from '../../package.json' with { type: 'json' };
import type { SyncStatus } from '../../common/api/schemas';
import { AppFailure } from '../../common/result';
import type { AuthService } from '../services/auth-service';
import type { ServiceContext } from '../services/context';
import type { CustomerService } from '../services/customer-service';
import type { ApplicationService } from '../services/application-service';
import type { DevicesService } from '../services/devices-service';
import type { QueueService } from '../services/queue-service';
import type { RatingService } from '../services/rating-service';
import type { Handlers } from './router';

export interface Services {
  ctx: ServiceContext;
  auth: AuthService;
  queue: QueueService;
  ratings: RatingService;
  devices: DevicesService;
  customers: CustomerService;
  applications: ApplicationService;
  syncStatus(): Promise<SyncStatus>;
  hallName(): string;
}

/** The station API, implemented once: each method is a line that delegates to a service. */
export function createHandlers(s: Services): Handlers {
  return {
    'station.info': async (c) => ({
      stationId: s.ctx.stationId,
      hallId: s.ctx.hallId,
      hallName: s.hallName(),
      role: c.role,
      windowNo: c.windowNo,
      version: pkg.version,
      sync: await s.syncStatus(),
    }),
    'queue.snapshot': () => s.queue.snapshot(),
    'queue.issueTicket': (_c, i) => s.queue.issue(i),
    'auth.login': (c, i) => s.auth.login(c, i),
    'auth.logout': (c) => s.auth.logout(c),
    'auth.session': (c) => s.auth.session(c),
    'counter.state': (c) => s.queue.counterState(c),
    'counter.callNext': (c) => s.queue.callNext(c),
    'counter.recall': (c, i) => s.queue.recall(c, i.ticketId),
    'counter.start': (c, i) => s.queue.start(c, i.ticketId),
    'counter.finish': (c, i) => s.queue.finish(c, i.ticketId),
    'rate.prompt': (c) => s.ratings.prompt(c),
    'rate.submit': (c, i) => s.ratings.submit(c, i),
    'rate.timeout': (c, i) => s.ratings.timeout(c, i),
    'display.logAnnouncement': async (_c, i) => {
      await s.ctx.storage.run('logAnnouncement', { ticketId: i.ticketId, text: i.text, spoken: i.spoken, error: i.error ?? null, at: s.ctx.nowIso() });
      return {};
    },
    'manager.evaluations': (_c, i) => {
      const to = i.to ?? s.ctx.today();
      const from = i.from ?? to;
      if (from > to) throw new AppFailure('validation', '开始日期不能晚于结束日期 (from is after to)', 'from');
      return s.ctx.storage.run('evaluations', { from, to });
    },
    'devices.status': () => s.devices.status(),
    'devices.printTest': () => s.devices.printTest(),
    'customer.search': (_c, i) => s.customers.search(i),
    'customer.view': (c, i) => s.customers.view(c, i),
    'customer.reveal': (c, i) => s.customers.reveal(c, i),
    'application.saveDraft': (c, i) => s.applications.saveDraft(c, i),
    'application.submit': (c, i) => s.applications.submit(c, i),
    'application.get': (_c, i) => s.applications.get(i.id),
    'application.forCustomer': (_c, i) => s.applications.forCustomer(i.customerId),
  };
}
