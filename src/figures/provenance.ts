/**
 * Provenance of the figures the cockpit shows: what each counts, which section of the feed it
 * comes from, and — for a derived figure — the formula with its inputs. A figure is declared
 * here once; the card a staff member opens is a plain model built from it, worded in the view.
 * A feed without `meta.sources` still gets a card: the app's own definition, the section, the
 * fetched time, generatedAt and ETag.
 */
import type { CategoryBreakdown } from './categories.ts'
import type { SectionName, Source, Summary } from '~/feed/schema.ts'
import { formatCount, formatDecimal, formatPercent } from '~/format/numbers.ts'

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
  /** A staff page's line over time: the feed's own series (monthly snapshots, daily totals). */
  trend: { from: 'series' },
} as const satisfies Record<string, FigureDefinition>

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
  return null
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
  /** The feed's own 口径; null: the view gives the app's definition of the figure. */
  counts: string | null
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
  return {
    figure,
    section,
    counts: source?.counts ?? null,
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
