import type { BaseChamber } from './chambers.ts'
import type { Rng } from './prng.ts'
import type { BrandProject, BrandStatus, BrandType } from './types.ts'
import { FIRST_BATCH } from './figures.ts'
import { shuffled } from './prng.ts'

const PHRASES: Record<BrandType, readonly string[]> = {
  fortress: ['红色堡垒工程', '党建引领先锋行动', '红心向党示范点'],
  cohesion: ['同心聚力会员之家', '商会连心桥', '凝心聚商工作室'],
  development: ['助企发展服务站', '惠企直通车', '红色助企联盟'],
  integrity: ['清廉商会建设', '清风护航行动', '廉洁从业共建'],
  responsibility: ['公益同行', '共同富裕结对帮扶', '乡村振兴助力团'],
}
const TYPES = Object.keys(PHRASES) as BrandType[]
const FIRST_BATCH_TYPES: BrandType[] = ['fortress', 'cohesion', 'development', 'responsibility']

/** "杭州市温州商会" → "温州": the short name used in project titles. */
function shortName(name: string): string {
  return name.replace(/^杭州市?/, '').replace(/(?:行业协会|协会|商会)$/, '')
}

function title(rng: Rng, chamber: BaseChamber, type: BrandType): string {
  const phrases = PHRASES[type]
  return `${shortName(chamber.name)}${phrases[Math.floor(rng() * phrases.length)]}`
}

const round1 = (x: number) => Math.round(x * 10) / 10

/**
 * "两类五型" projects: the real first batch (2020, the 温州, 安徽, 诸暨 and 天台 chambers,
 * all awarded), then later yearly batches: the top three awarded, the rest evaluated,
 * and the latest year still partly only declared.
 */
export function buildBrandProjects(rng: Rng, chambers: BaseChamber[]): BrandProject[] {
  const projects: BrandProject[] = []
  const add = (chamber: BaseChamber, type: BrandType, year: number, status: BrandStatus, score?: number) => {
    const p: BrandProject = { id: `bp${projects.length + 1}`, chamberId: chamber.id, type, title: title(rng, chamber, type), year, status }
    if (score !== undefined)
      p.score = round1(score)
    projects.push(p)
  }

  FIRST_BATCH.forEach((name, i) => {
    const chamber = chambers.find(c => c.name === name)!
    add(chamber, FIRST_BATCH_TYPES[i]!, 2020, 'awarded', 96 - i * 1.5 - rng())
  })
  const firstIds = new Set(projects.map(p => p.chamberId))
  const pool = shuffled(rng, chambers.filter(c => c.partyOrg && !firstIds.has(c.id)))
  const batches = [{ year: 2020, size: 2 }, { year: 2021, size: 8 }, { year: 2022, size: 10 }]
  for (const { year, size } of batches) {
    const batch = pool.splice(0, size)
    const scores = batch.map(() => 60 + rng() * 35).sort((a, b) => b - a)
    batch.forEach((chamber, i) => {
      const type = TYPES[Math.floor(rng() * TYPES.length)]!
      // 2020's extra entries were scored below the first batch; 2022 is still being evaluated.
      const declared = year === 2022 && i >= 6
      const awarded = year !== 2020 && i < 3
      const score = year === 2020 ? Math.min(scores[i]!, 88) : scores[i]!
      add(chamber, type, year, declared ? 'declared' : awarded ? 'awarded' : 'evaluated', declared ? undefined : score)
    })
  }
  return projects
}
