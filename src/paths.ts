/**
 * Every route of the app, in one place: the patterns the router matches and the links that
 * lead to them. Ids are URL-encoded here and nowhere else, so an id holding `?`, `#` or `/`
 * opens its own page, never another one.
 */
import type { DistrictId } from '~/figures/districts.ts'
import { districtSegment } from '~/figures/districts.ts'

const seg = (id: string) => encodeURIComponent(id)

/** The router's patterns, by route name. */
export const routePatterns = {
  wall: '/',
  groups: '/groups',
  group: '/groups/:id',
  category: '/categories/:id',
  districts: '/districts',
  district: '/districts/:id',
  chamber: '/chambers/:id',
  search: '/search',
  warnings: '/warnings',
  oversight: '/oversight',
  pack: '/pack',
  packSlide: '/pack/slide',
  exportRanking: '/export/ranking',
  imports: '/imports',
  adminUsers: '/admin/users',
  adminAudit: '/admin/audit',
  walls: '/walls',
  wallStatus: '/walls/:screenId',
  notFound: '/:path(.*)*',
} as const

export type RouteName = keyof typeof routePatterns

/** Links, built from the same names. */
export const paths = {
  wall: () => '/',
  groups: () => '/groups',
  group: (id: string) => `/groups/${seg(id)}`,
  category: (id: string) => `/categories/${seg(id)}`,
  districts: () => '/districts',
  /** By name (/districts/西湖区), the link staff would type; the page takes an id too. */
  district: (id: DistrictId) => `/districts/${seg(districtSegment(id))}`,
  chamber: (id: string) => `/chambers/${seg(id)}`,
  search: (q: string) => `/search?q=${encodeURIComponent(q)}`,
  warnings: () => '/warnings',
  oversight: () => '/oversight',
  pack: () => '/pack',
  packSlide: (key: string) => `/pack/slide?key=${encodeURIComponent(key)}`,
  exportRanking: () => '/export/ranking',
  imports: () => '/imports',
  adminUsers: () => '/admin/users',
  adminAudit: () => '/admin/audit',
  walls: () => '/walls',
  /** One wall of the fleet page, by the screenId it beats with (any text, so encoded). */
  wallStatus: (screenId: string) => `/walls/${seg(screenId)}`,
} satisfies Partial<Record<RouteName, (...args: never[]) => string>>
