import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router';
import type { Role } from '@common/api/roles';
import { i18n } from './i18n';
import { useApiStore } from './stores/api';

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title. */
    title: string;
    /** The station role the page connects as; null for pages that need no station (launcher, 404). */
    role: Role | null;
  }
}

/** Every role area is its own lazy chunk, so a kiosk loads only the kiosk. */
export const routes: RouteRecordRaw[] = [
  {
    path: '/',
    name: 'launcher',
    component: () => import('./areas/launcher/LauncherPage.vue'),
    meta: { title: 'route.launcher', role: null },
  },
  {
    path: '/kiosk',
    name: 'kiosk',
    component: () => import('./areas/kiosk/KioskPage.vue'),
    meta: { title: 'route.kiosk', role: 'kiosk' },
  },
  {
    path: '/counter/:window',
    name: 'counter',
    component: () => import('./areas/counter/CounterPage.vue'),
    meta: { title: 'route.counter', role: 'counter' },
  },
  {
    path: '/rate/:window',
    name: 'rate',
    component: () => import('./areas/rate/RatePage.vue'),
    meta: { title: 'route.rate', role: 'rate' },
  },
  {
    path: '/display',
    name: 'display',
    component: () => import('./areas/display/DisplayPage.vue'),
    meta: { title: 'route.display', role: 'display' },
  },
  {
    path: '/guide',
    name: 'guide',
    component: () => import('./areas/guide/GuidePage.vue'),
    meta: { title: 'route.guide', role: 'guide' },
  },
  {
    path: '/manager',
    name: 'manager',
    component: () => import('./areas/manager/ManagerPage.vue'),
    meta: { title: 'route.manager', role: 'manager' },
  },
  {
    path: '/devices',
    name: 'devices',
    component: () => import('./areas/devices/DevicesPage.vue'),
    meta: { title: 'route.devices', role: 'devices' },
  },
  {
    path: '/ticket/:id',
    name: 'ticket',
    component: () => import('./areas/ticket/TicketPositionPage.vue'),
    meta: { title: 'route.ticket', role: 'display' },
  },
  // The public application-progress page (the acceptance slip's QR): no station role, no login.
  {
    path: '/track/:token',
    name: 'track',
    component: () => import('./areas/track/TrackPage.vue'),
    meta: { title: 'route.track', role: null },
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('./pages/NotFoundPage.vue'),
    meta: { title: 'route.notFound', role: null },
  },
];

export const router = createRouter({
  history: createWebHashHistory(),
  routes,
});

router.afterEach((to) => {
  const t = i18n.global.t;
  document.title = `${t(to.meta.title)} · ${t('app.name')}`;
  // Pages without a station role hold no connection.
  if (!to.meta.role) useApiStore().unbind();
});
