/**
 * The line a meeting image carries at its foot: whose figures, which screen, as of when. A PNG
 * leaves the room and is looked at days later, far from the wall's live clock, so it says
 * itself what the wall says around it: the organisation, the screen, the date the counts and
 * the study points are for, when the feed was generated, any section kept from an earlier
 * feed, and 演示数据 when the feed is a demonstration. Pure.
 */
import type { SectionName } from '~/feed/schema.ts'
import type { Translate } from '~/i18n/translate.ts'
import type { WallScreen } from '~/wall-screens.ts'
import { shanghai } from '~/time.ts'

export interface FooterInput {
  /** The feed's meta.org; the cockpit's own organisation when the feed names none. */
  org: string | null
  screen: WallScreen
  /** The group's name on a group screen, as the feed gives it. */
  groupName: string | null
  /** summary.asOf: the date the counts are as of. */
  countsAsOf: string | null
  /** study.date: the day the study points are for. */
  studyDate: string | null
  /** The feed's generatedAt, epoch ms. */
  generatedAt: number | null
  demo: boolean
  /** Sections shown from an earlier feed because the latest copy failed its check. */
  kept: readonly { section: SectionName, receivedAt: number }[]
}

export interface Footer {
  parts: string[]
  /** 演示数据, set apart so it cannot be missed; null for real figures. */
  demo: string | null
}

/** Which dates a screen's figures rest on: the rankings show study points only. */
const dated: Record<WallScreen['kind'], { counts: boolean, study: boolean }> = {
  overview: { counts: true, study: true },
  group: { counts: true, study: true },
  rankings: { counts: false, study: true },
  oversight: { counts: true, study: true },
  districts: { counts: true, study: true },
  trends: { counts: true, study: false },
}

export function screenName(screen: WallScreen, groupName: string | null, t: Translate): string {
  switch (screen.kind) {
    case 'overview': return t('export.overview')
    case 'group': return groupName ?? t('groupScreen.fallbackName')
    case 'rankings': return t('rankings.title')
    case 'oversight': return t('oversightScreen.title')
    case 'districts': return `${t('districts.title')} · ${t(`districts.metric.${screen.metric}`)}`
    case 'trends': return t('trend.title')
  }
}

const when = (ms: number) => shanghai(ms).format('YYYY-MM-DD HH:mm')

export function exportFooter(input: FooterInput, t: Translate): Footer {
  const uses = dated[input.screen.kind]
  const parts = [input.org?.trim() || t('export.org'), screenName(input.screen, input.groupName, t)]
  if (uses.counts)
    parts.push(t('export.countsAsOf', { date: input.countsAsOf ?? t('common.notProvided') }))
  if (uses.study)
    parts.push(t('export.studyDate', { date: input.studyDate ?? t('common.notProvided') }))
  parts.push(t('export.generatedAt', { time: input.generatedAt === null ? t('common.notProvided') : when(input.generatedAt) }))
  for (const k of input.kept)
    parts.push(t('export.kept', { section: t(`section.${k.section}`), time: when(k.receivedAt) }))
  return { parts, demo: input.demo ? t('feed.demo') : null }
}
