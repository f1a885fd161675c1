/**
 * Routes. Hash history keeps the relative feed URL and plain static hosting working (the server
 * only ever sees index.html). The wall is bundled with the app; every staff view is a lazy chunk,
 * so the wall's initial JS does not carry them.
 */
import type { Component } from 'vue'
import { createRouter, createWebHashHistory } from 'vue-router'
import { loadStaffMessages } from '../i18n/index.ts'
import WallView from '../wall/WallView.vue'

declare module 'vue-router' {
  interface RouteMeta {
    /** The scaled, non-scrolling wall canvas rather than a normal staff page. */
    wall?: boolean
  }
}

/** A staff view and the staff pages' words, fetched side by side. */
function staff(view: () => Promise<{ default: Component }>) {
  return () => Promise.all([view(), loadStaffMessages()]).then(([m]) => m)
}

export function createCockpitRouter() {
  return createRouter({
    history: createWebHashHistory(),
    routes: [
      { path: '/', name: 'wall', component: WallView, meta: { wall: true } },
      { path: '/groups', name: 'groups', component: staff(() => import('../staff/pages/GroupsView.vue')) },
      { path: '/groups/:id', name: 'group', component: staff(() => import('../staff/pages/GroupView.vue')), props: true },
      { path: '/categories/:id', name: 'category', component: staff(() => import('../staff/pages/CategoryView.vue')), props: true },
      { path: '/chambers/:id', name: 'chamber', component: staff(() => import('../staff/pages/ChamberView.vue')), props: true },
      { path: '/search', name: 'search', component: staff(() => import('../staff/pages/SearchView.vue')), props: r => ({ q: typeof r.query.q === 'string' ? r.query.q : '' }) },
      { path: '/warnings', name: 'warnings', component: staff(() => import('../staff/pages/WarningsView.vue')) },
      { path: '/oversight', name: 'oversight', component: staff(() => import('../staff/oversight/OversightView.vue')) },
      { path: '/:path(.*)*', name: 'not-found', component: staff(() => import('../staff/pages/NotFoundView.vue')) },
    ],
    // A new staff page starts at its top; back and forward return to where the reader was.
    scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
  })
}
