import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router';
import type { Role } from '@common/api/roles';
import { i18n, registerMessages } from './i18n';
import { AREA_MESSAGES, type Area } from './routes/area-messages';
import { useApiStore } from './stores/api';

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title. */
    title: string;
    /** The station role the page connects as; null for pages that need no station (launcher, 404). */
    role: Role | null;
  }
}

/** An area's lazy page: its chunk and its message modules load together, the messages merged first. */
function areaPage<T>(area: Area, page: () => Promise<T>): () => Promise<T> {
  return async () => {
    const [loaded] = await Promise.all([
      page(),
      ...AREA_MESSAGES[area].map(async (load) => registerMessages((await load()).default)),
    ]);
    return loaded;
  };
}

/** Every role area is its own lazy chunk, so a kiosk loads only the kiosk. */
export const routes: RouteRecordRaw[] = [
  {
    path: '/',
    name: 'launcher',
    component: areaPage('launcher', () => import('./areas/launcher/LauncherPage.vue')),
    meta: { title: 'common.route.launcher', role: null },
  },
  {
    path: '/kiosk',
    name: 'kiosk',
    component: areaPage('kiosk', () => import('./areas/kiosk/KioskPage.vue')),
    meta: { title: 'common.route.kiosk', role: 'kiosk' },
  },
  {
    path: '/counter/:window',
    name: 'counter',
    component: areaPage('counter', () => import('./areas/counter/CounterPage.vue')),
    meta: { title: 'common.route.counter', role: 'counter' },
  },
  {
    path: '/rate/:window',
    name: 'rate',
    component: areaPage('rate', () => import('./areas/rate/RatePage.vue')),
    meta: { title: 'common.route.rate', role: 'rate' },
  },
  {
    path: '/display',
    name: 'display',
    component: areaPage('display', () => import('./areas/display/DisplayPage.vue')),
    meta: { title: 'common.route.display', role: 'display' },
  },
  {
    path: '/guide',
    name: 'guide',
    component: areaPage('guide', () => import('./areas/guide/GuidePage.vue')),
    meta: { title: 'common.route.guide', role: 'guide' },
  },
  {
    path: '/manager',
    name: 'manager',
    component: areaPage('manager', () => import('./areas/manager/ManagerPage.vue')),
    meta: { title: 'common.route.manager', role: 'manager' },
  },
  {
    path: '/devices',
    name: 'devices',
    component: areaPage('devices', () => import('./areas/devices/DevicesPage.vue')),
    meta: { title: 'common.route.devices', role: 'devices' },
  },
  {
    path: '/ticket/:id',
    name: 'ticket',
    component: areaPage('ticket', () => import('./areas/ticket/TicketPositionPage.vue')),
    meta: { title: 'common.route.ticket', role: 'display' },
  },
  // The public application-progress page (the acceptance slip's QR): no station role, no login.
  {
    path: '/track/:token',
    name: 'track',
    component: areaPage('track', () => import('./areas/track/TrackPage.vue')),
    meta: { title: 'common.route.track', role: null },
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('./pages/NotFoundPage.vue'),
    meta: { title: 'common.route.notFound', role: null },
  },
];

export const router = createRouter({
  history: createWebHashHistory(),
  routes,
});

router.afterEach((to) => {
  const t = i18n.global.t;
  document.title = `${t(to.meta.title)} · ${t('common.app.name')}`;
  // Pages without a station role hold no connection.
  if (!to.meta.role) useApiStore().unbind();
});
