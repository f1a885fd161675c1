/**
 * The line a meeting image carries at its foot: whose figures, which screen, as of when. A PNG
 * leaves the room and is looked at days later, far from the wall's live clock, so it says
 * itself what the wall says around it: the organisation, the screen, the date the counts and
 * the study points are for, when the feed was generated, any section kept from an earlier
 * feed, and 演示数据 when the feed is a demonstration. Pure.
 */
import type { SectionName } from '~/feed/schema.ts'
import type { Translate } from '~/i18n/translate.ts'
import type { WallScreen } from '~/wall/registry.ts'
import { formatDateTime } from '~/format/time.ts'
import { screenEntry, screenTitle } from '~/wall/registry.ts'

export interface FooterInput {
  /** The feed's meta.org; the cockpit's own organisation when the feed names none. */
  org: string | null
  screen: WallScreen
  /** The feed's district groups: a group's screen is named by its group. */
  groups: ReadonlyMap<string, { readonly name: string }> | undefined
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

export function exportFooter(input: FooterInput, t: Translate): Footer {
  // The screen's entry says what it is called and which dates its figures rest on.
  const uses = screenEntry(input.screen.kind).footer
  const parts = [input.org?.trim() || t('export.org'), screenTitle(input.screen, { t, groups: input.groups })]
  if (uses.counts)
    parts.push(t('export.countsAsOf', { date: input.countsAsOf ?? t('common.notProvided') }))
  if (uses.study)
    parts.push(t('export.studyDate', { date: input.studyDate ?? t('common.notProvided') }))
  parts.push(t('export.generatedAt', { time: formatDateTime(input.generatedAt, { missing: t('common.notProvided') }) }))
  for (const k of input.kept)
    parts.push(t('export.kept', { section: t(`section.${k.section}`), time: formatDateTime(k.receivedAt) }))
  return { parts, demo: input.demo ? t('feed.demo') : null }
}
