/**
 * The last good data of each section and what is wrong with it now. Pure: the store holds the
 * value, this module decides how a new feed check changes it.
 */
import type { DroppedItem, FeedProblem } from './problems.ts'
import type { SectionName, Sections } from './schema.ts'
import type { FeedCheck } from './validate.ts'
import { sectionInput, sectionNames } from './schema.ts'

export interface SectionState<K extends SectionName> {
  /** Last good data; undefined until one arrives (or while an optional section is absent). */
  data: Sections[K] | undefined
  /** When the last good data arrived (epoch ms). */
  receivedAt: number | null
  /** What is wrong with the latest feed's copy of this section; null when it passed. */
  problems: FeedProblem[] | null
  problemsSince: number | null
  /** Fingerprint of the raw section, so an unchanged section keeps its object and redraws nothing. */
  fingerprint: string | null
  /** Items of the held data's list that were left out (series, events); null when none were. */
  dropped: readonly DroppedItem[] | null
}

export type SectionsState = { [K in SectionName]: SectionState<K> }

export function emptySections(): SectionsState {
  const empty = { data: undefined, receivedAt: null, problems: null, problemsSince: null, fingerprint: null, dropped: null }
  return Object.fromEntries(sectionNames.map(n => [n, empty])) as SectionsState
}

/** FNV-1a over the section's JSON: cheap, and a collision only costs one skipped redraw. */
export function fingerprint(value: unknown): string {
  return textPrint(JSON.stringify(value) ?? 'undefined')
}

/** FNV-1a of a text with its length: the one fingerprint of the project (sections, view models). */
export function textPrint(s: string): string {
  let h = 0x811C9DC5
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return `${s.length}:${(h >>> 0).toString(36)}`
}

/** Fingerprints of raw sections, by name; absent where a section did not pass (nothing to compare). */
export type Fingerprints = { [K in SectionName]?: string }

/** The fingerprint of every section that passed its check. */
export function passedPrints(check: FeedCheck, raw: Record<string, unknown> | null): Fingerprints {
  const prints: Fingerprints = {}
  for (const name of sectionNames) {
    const result = check.sections[name]
    if (!result.ok)
      continue
    // Which items were dropped can change with generatedAt alone (a point no longer in the future).
    const dropped = result.dropped?.map(d => d.index).join(',') ?? ''
    prints[name] = `${fingerprint(raw && sectionInput(raw, name))}${dropped && `-${dropped}`}`
  }
  return prints
}

/**
 * Applies one checked feed. Sections that did not change keep their previous state object
 * (identity matters: Vue then recomputes and redraws nothing for them). Returns the previous
 * state itself when nothing changed at all.
 */
export function applyCheck(prev: SectionsState, check: FeedCheck, raw: Record<string, unknown> | null, at: number): SectionsState {
  return applyPrinted(prev, check, passedPrints(check, raw), at)
}

/**
 * applyCheck with the fingerprints already taken (by the feed worker, where the JSON is). A
 * passed section whose fingerprint matches the held one keeps its state without reading the
 * check's data, which the worker therefore leaves out.
 */
export function applyPrinted(prev: SectionsState, check: FeedCheck, prints: Fingerprints, at: number): SectionsState {
  let changed = false
  const next = { ...prev } as Record<SectionName, SectionState<SectionName>>
  for (const name of sectionNames) {
    const before = prev[name] as SectionState<SectionName>
    const result = check.sections[name]
    let after: SectionState<SectionName>
    if (result.ok) {
      const print = prints[name] ?? fingerprint(undefined)
      after = print === before.fingerprint && before.problems === null
        ? before
        : print === before.fingerprint
          ? { ...before, problems: null, problemsSince: null }
          : { data: result.data, receivedAt: at, problems: null, problemsSince: null, fingerprint: print, dropped: result.dropped ?? null }
    }
    else {
      const same = before.problems !== null && JSON.stringify(before.problems) === JSON.stringify(result.problems)
      after = same ? before : { ...before, problems: result.problems, problemsSince: before.problemsSince ?? at }
    }
    if (after !== before)
      changed = true
    next[name] = after
  }
  return changed ? next as SectionsState : prev
}
