/**
 * A feed string's direction kept to itself. A right-to-left override (U+202E) or another bidi
 * control in one source name reversed the text after it on the same line, the cut-off date
 * included. A string that carries any is read here, once, at the boundary: its controls go
 * and the whole of it is put in a first-strong isolate (U+2068 … U+2069), so every place that
 * shows it — wall, staff pages, tooltips, exports — shows it in its own direction, and nothing
 * after it moves. Strings without one (all of a sane feed) are left exactly as they are.
 */
import type { SectionName, Sections } from './schema.ts'

/**
 * Embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069) and the marks U+200E,
 * U+200F and U+061C: each changes the direction of text around it.
 */
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/
const BIDI_ALL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g
export const FSI = '\u2068'
export const PDI = '\u2069'

/** The text in an isolate of its own, without its bidi controls; unchanged when it has none. */
export function isolateDirection(text: string): string {
  return BIDI.test(text) ? `${FSI}${text.replace(BIDI_ALL, '')}${PDI}` : text
}

/** True for a string isolateDirection changed: one the feed sent with bidi controls. */
export function isIsolated(text: string | null | undefined): boolean {
  return typeof text === 'string' && text.length >= 2 && text.startsWith(FSI) && text.endsWith(PDI)
}

/** The object with those text fields isolated; the same object when none changed. */
function isolateFields<T extends object>(o: T, keys: readonly (keyof T)[]): T {
  let out: T | undefined
  for (const key of keys) {
    const x = o[key]
    if (typeof x !== 'string')
      continue
    const y = isolateDirection(x)
    if (y !== x)
      (out ??= { ...o })[key] = y as T[keyof T]
  }
  return out ?? o
}

function isolateList<T extends object>(list: readonly T[], keys: readonly (keyof T)[]): T[] {
  let out: T[] | undefined
  list.forEach((item, i) => {
    const next = isolateFields(item, keys)
    if (next !== item)
      (out ??= [...list])[i] = next
  })
  return out ?? (list as T[])
}

/** Every string of a source: system, counts, file name, and the words of a map such as per-metric counts. */
function isolateSource(source: Sections['sources'][string]): Sections['sources'][string] {
  let out: Record<string, unknown> | undefined
  for (const [key, x] of Object.entries(source)) {
    const next = typeof x === 'string'
      ? isolateDirection(x)
      : typeof x === 'object' && x !== null ? isolateFields(x as Record<string, unknown>, Object.keys(x)) : x
    if (next !== x)
      (out ??= { ...source })[key] = next
  }
  return (out ?? source) as Sections['sources'][string]
}

function isolateChambers(list: Sections['chambers']): Sections['chambers'] {
  let out: Sections['chambers'] | undefined
  list.forEach((c, i) => {
    let next = isolateFields(c, ['name', 'district'])
    const org = c.partyOrg && isolateFields(c.partyOrg, ['name'])
    if (org && org !== c.partyOrg)
      next = { ...next, partyOrg: org }
    if (next !== c)
      (out ??= [...list])[i] = next
  })
  return out ?? list
}

/**
 * A validated section with the direction of each of its feed strings (names, labels, source
 * words) isolated. Ids, dates and codes are not text and are left alone.
 */
export function isolateFeedText<K extends SectionName>(name: K, data: Sections[K]): Sections[K] {
  const d = data as Sections[SectionName]
  switch (name) {
    case 'categories': return isolateList(d as Sections['categories'], ['name']) as Sections[K]
    case 'districtGroups': return isolateList(d as Sections['districtGroups'], ['name', 'pairedBranch']) as Sections[K]
    case 'chambers': return isolateChambers(d as Sections['chambers']) as Sections[K]
    case 'study': {
      const study = d as Sections['study']
      const branches = isolateList(study.branches, ['name'])
      const individuals = isolateList(study.individuals, ['name'])
      return (branches === study.branches && individuals === study.individuals ? study : { ...study, branches, individuals }) as Sections[K]
    }
    case 'brandProjects': return isolateList(d as Sections['brandProjects'], ['title']) as Sections[K]
    case 'events': return isolateList(d as Sections['events'], ['label']) as Sections[K]
    case 'sources': {
      const sources = d as Sections['sources']
      let out: Sections['sources'] | undefined
      for (const [key, source] of Object.entries(sources)) {
        const next = isolateSource(source)
        if (next !== source)
          (out ??= { ...sources })[key] = next
      }
      return (out ?? sources) as Sections[K]
    }
    default: return data
  }
}
