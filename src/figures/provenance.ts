/**
 * Provenance of the figures the cockpit shows: what each counts, which section of the feed it
 * comes from, and — for a derived figure — the formula with its inputs. A figure is declared
 * here once; the card a staff member opens is a plain model built from it, worded in the view.
 * A feed without `meta.sources` still gets a card: the app's own definition, the section, the
 * fetched time, generatedAt and ETag.
 */
import type { CategoryBreakdown } from './categories.ts'
import type { SectionName, Source, Summary } from '~/feed/schema.ts'
import { formatChange, formatCount, formatDecimal, formatPercent, percentagePoints } from '~/format/numbers.ts'

/**
 * Where a figure is read: the feed's reported totals for the city (`summary`) or for a category
 * (`categories`), or summed by the cockpit from the listed chambers (a group, a district).
 */
export type FigureScope = 'city' | 'category' | 'listed'

/** `reported`: the section follows the scope; any other section is the figure's own. */
interface FigureDefinition {
  from: 'reported' | SectionName
  /** share: x % = part ÷ whole; ratio: x = part ÷ whole (one decimal). */
  formula?: 'share' | 'ratio'
}

/** Every figure with a provenance card, declared once. */
export const figureCatalogue = {
  chambers: { from: 'reported' },
  members: { from: 'reported' },
  partyOrgChambers: { from: 'reported' },
  coverage: { from: 'reported', formula: 'share' },
  partyMembers: { from: 'chambers' },
  monthlyPlan: { from: 'chambers', formula: 'share' },
  annualPlan: { from: 'chambers', formula: 'share' },
  studyPointsToday: { from: 'study' },
  studyPointsPerMember: { from: 'study', formula: 'ratio' },
  /** The oversight indicators beyond coverage and plans: each a share of listed records. */
  participation: { from: 'chambers', formula: 'share' },
  atRisk: { from: 'chambers', formula: 'share' },
  studyParticipation: { from: 'study', formula: 'share' },
  /** A staff page's line over time: the feed's own series (monthly snapshots, daily totals). */
  trend: { from: 'series' },
} as const satisfies Record<string, FigureDefinition>

/**
 * A figure's key in a source's `metricCounts`, the feed's own metric names: a figure's own 口径
 * is read there first, so a coverage card never reads the sentence about the counts.
 */
const metricKey: Partial<Record<keyof typeof figureCatalogue, string>> = {
  chambers: 'chambers',
  members: 'members',
  partyOrgChambers: 'partyOrgChambers',
  coverage: 'coverage',
  partyMembers: 'partyMembers',
  monthlyPlan: 'planFiling',
  studyPointsToday: 'studyPoints',
  studyPointsPerMember: 'studyPerMember',
  participation: 'participation',
  atRisk: 'atRisk',
  studyParticipation: 'studyParticipation',
}

export type FigureId = keyof typeof figureCatalogue
export const figureIds = Object.keys(figureCatalogue) as FigureId[]

const reportedIn: Record<FigureScope, SectionName> = { city: 'summary', category: 'categories', listed: 'chambers' }

export function figureSection(figure: FigureId, scope: FigureScope): SectionName {
  const { from }: FigureDefinition = figureCatalogue[figure]
  return from === 'reported' ? reportedIn[scope] : from
}

/** What a derived figure is computed from, or what a reported total is checked against. */
export interface FigureInputs {
  /** The part and the whole of a share or ratio: 140 and 446. */
  parts?: readonly [number, number]
  /** A reported total (43,255) beside the sum of its breakdown (41,907). */
  reported?: number
  sum?: number
  /** A figure the cockpit sums from the listed chambers: how many it summed (null: each row its own). */
  listed?: number | null
  /** A change worked out in the cockpit: the two figures and their months. */
  difference?: { now: number, was: number, month: string, wasMonth: string, share: boolean }
}

/** The inputs of a share or ratio; nothing when either is unknown. */
export function partsOf(part: number | null | undefined, whole: number | null | undefined): FigureInputs {
  return part == null || whole == null ? {} : { parts: [part, whole] }
}

/** A figure as a view names it for its provenance: the props of its source button. */
export interface FigureRef {
  figure: FigureId
  scope?: FigureScope
  inputs?: FigureInputs
}

/** A formula as data; the words around it are chosen where it is shown. */
export type Formula
  = | { kind: 'share' | 'ratio', result: string, inputs: readonly [number, number], text: string }
  /** Reported total versus the sum of the categories; gap = reported − sum, never adjusted. */
    | { kind: 'sum', reported: number, sum: number, gap: number }
  /** Summed by the cockpit from the chambers the feed lists: n of them, or each row its own. */
    | { kind: 'listed', count: number | null }
  /** 较上月 / 同比: the figure of one month less the figure of another. */
    | { kind: 'difference', share: boolean, by: string, now: string, was: string, month: string, wasMonth: string }

export function formulaOf(figure: FigureId, inputs: FigureInputs): Formula | null {
  const { formula: kind }: FigureDefinition = figureCatalogue[figure]
  if (kind && inputs.parts) {
    const [part, whole] = inputs.parts
    const ratio = whole > 0 ? part / whole : null
    const result = kind === 'share' ? formatPercent(ratio) : formatDecimal(ratio)
    return { kind, result, inputs: inputs.parts, text: `${result} = ${formatCount(part)} ÷ ${formatCount(whole)}` }
  }
  if (inputs.reported !== undefined && inputs.sum !== undefined)
    return { kind: 'sum', reported: inputs.reported, sum: inputs.sum, gap: inputs.reported - inputs.sum }
  if (inputs.difference)
    return differenceOf(inputs.difference)
  if (inputs.listed !== undefined && !kind)
    return { kind: 'listed', count: inputs.listed }
  return null
}

/** +16 = 5,610 (2026-11) − 5,594 (2026-10); a share moves in percentage points of the shares as shown. */
function differenceOf(d: NonNullable<FigureInputs['difference']>): Formula {
  const shown = (x: number) => d.share ? formatPercent(x) : formatCount(x)
  const by = d.share ? formatChange(percentagePoints(d.now, d.was), { digits: 1 }) : formatChange(d.now - d.was)
  return { kind: 'difference', share: d.share, by, now: shown(d.now), was: shown(d.was), month: d.month, wasMonth: d.wasMonth }
}

/** What the app knows of the feed it shows; the cockpit store has all of it. */
export interface ProvenanceContext {
  sources: Readonly<Record<string, Source>> | undefined
  sections: Readonly<Record<SectionName, { receivedAt: number | null }>>
  generatedAt: number | null
  etag: string | null
  /** Cut-offs the feed states anyway, for a source that gives none of its own. */
  summaryAsOf: string | undefined
  studyDate: string | undefined
}

/** The card of one figure. A null field is one the feed does not state; the view says so. */
export interface ProvenanceCard {
  figure: FigureId
  section: SectionName
  /** The feed's own 口径 of this figure; null: the view gives the app's definition of it. */
  counts: string | null
  /**
   * A derived figure (a share, a ratio) without a 口径 of its own: its section's sentence, which
   * says how its inputs are counted, never passed off as the figure's own.
   */
  inputsCounts: string | null
  system: string | null
  asOf: string | null
  /** When the source system last updated (the source's `updatedAt`), epoch ms. */
  sourceUpdatedAt: number | null
  /** The imported file the section came from, and the start of its SHA-256; null: not stated. */
  file: { name: string, sha256: string | null } | null
  /** When the app fetched the data shown (the section's receivedAt), epoch ms. */
  fetchedAt: number | null
  generatedAt: number | null
  etag: string | null
  formula: Formula | null
}

export function provenanceCard(figure: FigureId, scope: FigureScope, inputs: FigureInputs, ctx: ProvenanceContext): ProvenanceCard {
  const section = figureSection(figure, scope)
  const source = ctx.sources?.[section]
  const updatedAt = source?.updatedAt === undefined ? Number.NaN : Date.parse(source.updatedAt)
  const key = metricKey[figure]
  const own = key !== undefined && source?.metricCounts && Object.hasOwn(source.metricCounts, key) ? source.metricCounts[key]! : null
  const derived = (figureCatalogue[figure] as FigureDefinition).formula !== undefined
  return {
    figure,
    section,
    counts: own ?? (derived ? null : source?.counts ?? null),
    inputsCounts: own === null && derived ? source?.counts ?? null : null,
    system: source?.system ?? null,
    asOf: source?.asOf ?? (section === 'study' ? ctx.studyDate : ctx.summaryAsOf) ?? null,
    sourceUpdatedAt: Number.isNaN(updatedAt) ? null : updatedAt,
    file: source?.fileName === undefined ? null : { name: source.fileName, sha256: source.sha256?.slice(0, 12) ?? null },
    fetchedAt: ctx.sections[section].receivedAt,
    generatedAt: ctx.generatedAt,
    etag: ctx.etag,
    formula: formulaOf(figure, inputs),
  }
}

/**
 * The inputs of the city's headline figures, from the summary and the category breakdown: the
 * wall's cards need no more than the figure's name.
 */
export function cityInputs(figure: FigureId, summary: Summary | undefined, breakdown: CategoryBreakdown | undefined): FigureInputs {
  if (!summary)
    return {}
  if (figure === 'coverage')
    return partsOf(summary.partyOrgChamberCount, summary.chamberCount)
  if (figure === 'chambers' && breakdown)
    return { reported: summary.chamberCount, sum: breakdown.chamberSum }
  if (figure === 'members' && breakdown)
    return { reported: summary.memberCount, sum: breakdown.memberSum }
  return {}
}
