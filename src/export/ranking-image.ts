/**
 * The evening ranking for the WeChat groups, as words: the day's top 学习强国 branches and
 * learners, names masked as on the wall, the day they are for (非今日 when it is not today,
 * a day ahead of today included), where the points come from and as of when. A phone shows the
 * picture far from the wall and days later, so it says all of that itself. Pure: the image
 * (RankingImage.vue) lays these words out, the tests read them without a browser.
 */
import type { StudyRanking } from '~/figures/study.ts'
import type { Locale, Translate } from '~/i18n/translate.ts'
import { maskName } from '~/figures/mask.ts'
import { oneLine } from '~/figures/names.ts'
import { formatCount } from '~/format/numbers.ts'
import { formatDateTime, formatLongDate } from '~/format/time.ts'

/** Rows of each list: what a phone shows at a legible size. */
export const RANKING_ROWS = 10
/** The picture's width, a phone's screen at its native resolution. */
export const RANKING_WIDTH = 1080

export interface RankingImageInput {
  ranking: StudyRanking
  /** Names masked as on the wall (config `maskNames`). */
  mask: boolean
  /** The feed's meta.org; the cockpit's own organisation when the feed names none. */
  org: string | null
  /** The feed's source of its study section, when it names one. */
  source: { system: string, asOf?: string | undefined } | null
  /** The feed's generatedAt, epoch ms. */
  generatedAt: number | null
  demo: boolean
  /** The words' locale, for the dates and figures. @default currentLocale() */
  locale?: Locale
}

export interface RankingRow {
  rank: number
  name: string
  /** A learner's chamber; empty for a branch (its name is its chamber's). */
  chamber: string
  points: string
}

export interface RankingImage {
  org: string
  title: string
  /** "2026年12月7日 星期一": the day the points are for. */
  date: string
  /** 今日积分, or 非今日积分 when the points are not today's. */
  day: string
  today: boolean
  /** Said in full under the title when the points are not today's. */
  notToday: string | null
  summary: string[]
  branchesTitle: string
  branches: RankingRow[]
  individualsTitle: string
  individuals: RankingRow[]
  /** Source and cut-off, when the points were updated, when the feed was made. */
  foot: string[]
  /** 演示数据, set apart so it cannot be missed; null for real figures. */
  demo: string | null
}

/** Noon in Shanghai of a feed date: a day's long form in any time zone. */
function dayMs(date: string): number {
  return Date.parse(`${date}T12:00:00+08:00`)
}

export function rankingImage(input: RankingImageInput, t: Translate): RankingImage {
  const r = input.ranking
  const locale = input.locale
  const branches = r.branches.slice(0, RANKING_ROWS).map((b, i) => ({ rank: i + 1, name: oneLine(b.name), chamber: '', points: formatCount(b.pointsToday, { locale }) }))
  const individuals = r.individuals.slice(0, RANKING_ROWS).map((p, i) => ({
    rank: i + 1,
    name: input.mask ? maskName(p.name) : oneLine(p.name),
    chamber: p.chamberName ? oneLine(p.chamberName) : '',
    points: formatCount(p.pointsToday, { locale }),
  }))
  const date = formatLongDate(dayMs(r.date), { locale })
  const source = input.source
  const foot = [
    source ? source.asOf ? t('panel.sourceAsOf', { system: source.system, date: source.asOf }) : t('panel.source', { system: source.system }) : null,
    r.updatedAt ? t('ranking.updatedAt', { time: formatDateTime(Date.parse(r.updatedAt), { locale }) }) : null,
    t('export.generatedAt', { time: formatDateTime(input.generatedAt, { missing: t('common.notProvided'), locale }) }),
  ].filter((x): x is string => x !== null)
  return {
    org: input.org?.trim() || t('export.org'),
    title: t('rankings.title'),
    date,
    day: t(r.isToday ? 'study.todayPart' : 'study.pastPart'),
    today: r.isToday,
    notToday: r.isToday ? null : t('ranking.notToday', { date }),
    summary: [t('study.participants', { n: formatCount(r.participants, { locale }) }), t('study.pointsSum', { points: formatCount(r.pointsToday, { locale }) })],
    branchesTitle: t('rankings.branches'),
    branches,
    individualsTitle: t('rankings.individuals'),
    individuals,
    foot,
    demo: input.demo ? t('feed.demo') : null,
  }
}
