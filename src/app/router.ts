/**
 * Routes. Hash history keeps the relative feed URL and plain static hosting working (the server
 * only ever sees index.html). The wall is bundled with the app; every staff view is a lazy chunk,
 * so the wall's initial JS does not carry them. Patterns and links come from ~/paths.ts.
 */
import type { Component } from 'vue'
import { createRouter, createWebHashHistory } from 'vue-router'
import { loadStaffMessages } from '~/i18n/index.ts'
import { routePatterns as p } from '~/paths.ts'
import WallView from '~/wall/WallView.vue'

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

/** The query asks for the day's study ranking as a picture (src/export/RankingExport.vue). */
const rankingAsked = () => new URLSearchParams(location.search).get('export') === 'ranking'

export function createCockpitRouter() {
  return createRouter({
    history: createWebHashHistory(),
    routes: [
      // `?export=ranking` (for scripts) opens the evening ranking's picture instead of the wall.
      { path: p.wall, name: 'wall', component: WallView, meta: { wall: true }, beforeEnter: () => rankingAsked() ? { name: 'exportRanking' } : true },
      { path: p.groups, name: 'groups', component: staff(() => import('~/staff/pages/GroupsView.vue')) },
      { path: p.group, name: 'group', component: staff(() => import('~/staff/pages/GroupView.vue')), props: true },
      { path: p.districts, name: 'districts', component: staff(() => import('~/staff/pages/DistrictsView.vue')) },
      { path: p.district, name: 'district', component: staff(() => import('~/staff/pages/DistrictView.vue')), props: true },
      { path: p.category, name: 'category', component: staff(() => import('~/staff/pages/CategoryView.vue')), props: true },
      { path: p.chamber, name: 'chamber', component: staff(() => import('~/staff/pages/ChamberView.vue')), props: true },
      { path: p.search, name: 'search', component: staff(() => import('~/staff/pages/SearchView.vue')), props: r => ({ q: typeof r.query.q === 'string' ? r.query.q : '' }) },
      { path: p.warnings, name: 'warnings', component: staff(() => import('~/staff/pages/WarningsView.vue')) },
      { path: p.oversight, name: 'oversight', component: staff(() => import('~/staff/oversight/OversightView.vue')) },
      { path: p.imports, name: 'imports', component: staff(() => import('~/staff/imports/ImportsView.vue')) },
      { path: p.adminUsers, name: 'adminUsers', component: staff(() => import('~/staff/admin/UsersView.vue')) },
      { path: p.adminAudit, name: 'adminAudit', component: staff(() => import('~/staff/admin/AuditView.vue')) },
      { path: p.walls, name: 'walls', component: staff(() => import('~/staff/walls/WallsView.vue')) },
      { path: p.wallStatus, name: 'wallStatus', component: staff(() => import('~/staff/walls/WallStatusView.vue')), props: true },
      { path: p.exportRanking, name: 'exportRanking', component: staff(() => import('~/export/RankingExport.vue')) },
      { path: p.pack, name: 'pack', component: staff(() => import('~/staff/pack/PackView.vue')) },
      // One slide of the pack, made in a frame of #/pack (src/staff/pack/render.ts).
      { path: p.packSlide, name: 'packSlide', component: staff(() => import('~/staff/pack/PackSlideView.vue')), props: r => ({ slideKey: typeof r.query.key === 'string' ? r.query.key : '' }) },
      { path: p.notFound, name: 'not-found', component: staff(() => import('~/staff/pages/NotFoundView.vue')) },
    ],
    // A new staff page starts at its top; back and forward return to where the reader was.
    scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
  })
}
