/**
 * A slide of the meeting pack (#/pack), made in a frame of the pack's page by the app itself —
 * a wall screen by the wall's own export (`?export=pack&view=…`), the ranking or a staff table
 * by #/pack/slide — and handed to the page with the words its foot needs: where its figures
 * come from, as this frame's feed says (which may be the feed as of a month's end, `?asOf=`).
 */
import type { SectionName, Source } from '~/feed/schema.ts'
import type { Translate } from '~/i18n/translate.ts'
import type { WallScreen } from '~/wall/registry.ts'
import { formatDateTime } from '~/format/time.ts'

export type PackSlideMessage
  = | { type: 'hzfic-pack-slide', key: string, png: Blob, foot: string[], countsAsOf: string | null }
    | { type: 'hzfic-pack-slide', key: string, error: string }

/** To the framing page only, and only one of this origin: a slide is never posted elsewhere. */
export function toPack(message: PackSlideMessage): void {
  if (window.parent !== window)
    window.parent.postMessage(message, location.origin)
}

/** The section a wall screen's figures are counted from, for its page's provenance line. */
export const screenSection: Record<WallScreen['kind'], SectionName> = {
  overview: 'summary',
  group: 'chambers',
  rankings: 'study',
  oversight: 'chambers',
  districts: 'chambers',
  trends: 'series',
}

/** What the app knows of the figures on a page: the feed's sources, when each section came. */
export interface ProvenanceInput {
  sources: Readonly<Record<string, Source>> | undefined
  receivedAt: (section: SectionName) => number | null
  generatedAt: number | null
  /** Cut-offs the feed states anyway, for a source that names none. */
  countsAsOf: string | null
  studyDate: string | null
}

/**
 * A page's foot, the provenance a printed page keeps once it leaves the room: the source system,
 * what it counts (口径), the cut-off, when the figures were fetched and generated; said as not
 * stated where the feed does not say.
 */
export function provenanceLine(section: SectionName, p: ProvenanceInput, t: Translate): string[] {
  const s = p.sources?.[section]
  const asOf = s?.asOf ?? (section === 'study' ? p.studyDate : p.countsAsOf)
  return [
    t('pack.foot.source', { system: s?.system ?? t('pack.foot.notStated') }),
    ...s?.counts ? [t('pack.foot.counts', { counts: s.counts })] : [],
    t('pack.foot.asOf', { date: asOf ?? t('common.notProvided') }),
    t('pack.foot.fetched', { time: formatDateTime(p.receivedAt(section), { missing: t('common.notProvided') }) }),
    t('pack.foot.generated', { time: formatDateTime(p.generatedAt, { missing: t('common.notProvided') }) }),
  ]
}

/** The store's side of a provenance line: what every frame's cockpit store knows. */
export function provenanceOf(store: {
  sources: Readonly<Record<string, Source>> | undefined
  sections: Readonly<Record<SectionName, { receivedAt: number | null }>>
  generatedAt: number | null
  summary: { asOf: string } | undefined
  study: { date: string } | undefined
}): ProvenanceInput {
  return {
    sources: store.sources,
    receivedAt: section => store.sections[section].receivedAt,
    generatedAt: store.generatedAt,
    countsAsOf: store.summary?.asOf ?? null,
    studyDate: store.study?.date ?? null,
  }
}
