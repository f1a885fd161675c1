import type { RouteLocationRaw } from 'vue-router'

/** One step of a staff page's breadcrumbs; the last one is the page itself and has no link. */
export interface Crumb { label: string, to?: RouteLocationRaw }
