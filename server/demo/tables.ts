/**
 * One month's files as tables: 片组, 商会名册, 党组织, 计划报备, 上报总数, and a year's 两类五型.
 * Cells are written in the order of the kind's columns in src/import-kinds.ts.
 */
import type { DemoHistory, DemoMonth } from './history.ts'
import type { Cell, Table } from './table.ts'
import { hash01 } from '../../mock/prng.ts'
import { SERIES_MONTHS } from '../../mock/series.ts'
import { brandStatusNames, brandTypeNames, categoryIds, categoryNames, partyOrgTypeNames, TOTAL_ROW } from '../../src/import-kinds.ts'
import { addDays, dayOf, monthEnd, monthWords } from './calendar.ts'
import { headersOf } from './table.ts'

/** The year of a mock brand project in the demo: the mock's 2020–2022 end in today's year. */
export function brandYear(mockYear: number, today: string): number {
  return Number(today.slice(0, 4)) - 2022 + mockYear
}

export function groupsTable(h: DemoHistory): Table {
  return {
    title: null,
    headers: headersOf('groups', 4),
    rows: h.world.groups.map(g => [g.name, g.leaderChamberId, g.deputyChamberIds.join('、'), g.pairedBranch]),
  }
}

/** The last day a chamber was active by the month's end; zombies stay idle since long ago. */
function lastActivity(h: DemoHistory, i: number, m: DemoMonth): string {
  const c = h.world.chambers[i]!
  const ref = m.back === 0 ? h.today : monthEnd(m.month)
  const idleSince = addDays(h.today, -c.idleDays)
  if (m.back === 0 || (c.idleDays >= 200 && idleSince <= ref))
    return idleSince
  return addDays(ref, -Math.floor(hash01(h.world.seed, 902, i, m.back) * (c.partyOrg ? 21 : 76)))
}

export function rosterTable(h: DemoHistory, m: DemoMonth): Table {
  const groupName = new Map(h.world.groups.map(g => [g.id, g.name]))
  const rows: Cell[][] = []
  h.world.chambers.forEach((c, i) => {
    if (h.present(i, m.back)) {
      rows.push([
        c.id,
        c.name,
        categoryNames[c.category],
        c.district ?? null,
        (c.groupId && groupName.get(c.groupId)) ?? null,
        c.direct,
        h.members(i, m.back),
        { date: lastActivity(h, i, m) },
      ])
    }
  })
  return { title: `${monthWords(m.month)}商会名册`, headers: headersOf('chambers', 8), rows }
}

export function partyTable(h: DemoHistory, m: DemoMonth): Table {
  const rows: Cell[][] = []
  h.world.chambers.forEach((c, i) => {
    const org = c.partyOrg
    if (org && h.hasOrg(i, m.back))
      rows.push([c.id, org.name, partyOrgTypeNames[org.type], h.partyMembers(i, m.back), org.stars ?? null, org.secretaryAttendsCouncil ?? null])
  })
  return { title: `${monthWords(m.month)}商会党组织名单`, headers: headersOf('party', 6), rows }
}

/**
 * Plans of the month's party organisations: the annual plan (this year as the mock has it,
 * earlier years ~93 %), and the monthly one filed in the first days of the month by 80–90 %,
 * more as the years go on. This month's filings are the mock's, up to today.
 */
export function plansTable(h: DemoHistory, m: DemoMonth): Table {
  const { seed } = h.world
  const year = m.month.slice(0, 4)
  const todayDay = Number(h.today.slice(8, 10))
  const rate = 0.9 - 0.1 * m.back / (SERIES_MONTHS - 1)
  const rows: Cell[][] = []
  h.world.chambers.forEach((c, i) => {
    if (!c.partyOrg || !h.hasOrg(i, m.back))
      return
    const annual = year === h.today.slice(0, 4) ? c.annualReported : hash01(seed, 911, i, Number(year)) < 0.93
    let day: number | null
    if (m.back === 0)
      day = c.reportDay !== null && c.reportDay <= todayDay ? c.reportDay : null
    else if (hash01(seed, 912, i, m.back) < rate)
      day = hash01(seed, 914, i, m.back) < 0.1 ? 9 + Math.floor(hash01(seed, 913, i, m.back) * 12) : 1 + Math.floor(hash01(seed, 913, i, m.back) * 8)
    else day = null
    rows.push([c.id, annual, day === null ? null : { date: dayOf(m.month, day) }])
  })
  return { title: null, headers: headersOf('plans', 3), rows }
}

/**
 * The reported totals: each category as the roster sums it, and 合计 with the members the
 * roster does not itemise (real: 43,255 reported against 41,907 itemised). The last month is
 * the real 2020 report, from the world.
 */
export function totalsTable(h: DemoHistory, m: DemoMonth): Table {
  const { world } = h
  const asOf = { date: m.back === 0 ? h.today : monthEnd(m.month) }
  const sums = new Map(categoryIds.map(id => [id as string, { chambers: 0, members: 0, orgs: 0 }]))
  world.chambers.forEach((c, i) => {
    const s = sums.get(c.category)
    if (s && h.present(i, m.back)) {
      s.chambers++
      s.members += h.members(i, m.back)
      s.orgs += h.hasOrg(i, m.back) ? 1 : 0
    }
  })
  if (m.back === 0) {
    for (const c of world.categories)
      sums.set(c.id, { chambers: c.chamberCount, members: c.memberCount, orgs: c.partyOrgChamberCount })
  }
  const all = [...sums.values()]
  const add = (f: (s: { chambers: number, members: number, orgs: number }) => number) => all.reduce((a, s) => a + f(s), 0)
  const itemised = world.categories.reduce((a, c) => a + c.memberCount, 0)
  const total = m.back === 0
    ? [world.summary.chamberCount, world.summary.memberCount, world.summary.partyOrgChamberCount]
    : [add(s => s.chambers), Math.round(add(s => s.members) * world.summary.memberCount / itemised), add(s => s.orgs)]
  const rows: Cell[][] = categoryIds.map((id) => {
    const s = sums.get(id)!
    return [categoryNames[id], s.chambers, s.members, s.orgs, asOf]
  })
  rows.push([TOTAL_ROW, total[0]!, total[1]!, total[2]!, asOf])
  return { title: `${monthWords(m.month)}各类商会上报总数`, headers: headersOf('totals', 5), rows }
}

/** The year's 两类五型 projects, as the mock has them for that year. */
export function brandsTable(h: DemoHistory, year: number): Table {
  return {
    title: null,
    headers: headersOf('brands', 6),
    rows: h.world.brandProjects
      .filter(p => brandYear(p.year, h.today) === year)
      .map(p => [p.id, p.chamberId, brandTypeNames[p.type], p.title, p.score ?? null, brandStatusNames[p.status]]),
  }
}
