/**
 * What the main thread and the feed worker say to each other. A long list crosses in slices,
 * one message each, because the main thread deserialises a message in one task: the
 * ten-times feed's 200,000 learners in one message would freeze the wall for a fifth of a second.
 */
import type { FeedDigest } from './digest.ts'
import type { FeedBody } from './fetch-feed.ts'
import type { SectionName } from './schema.ts'
import type { Fingerprints } from './sections.ts'
import { sectionNames } from './schema.ts'

export interface WorkerRequest {
  id: number
  body: FeedBody
  /** The fingerprints of the sections the store holds. */
  held: Fingerprints
}

/** A slice of a list inside a section: the section itself (`field` null) or one of its fields. */
export interface Slice {
  section: SectionName
  field: string | null
  items: unknown[]
}

export type WorkerReply
  = | { id: number, slice: Slice }
    | { id: number, digest: FeedDigest }
    | { id: number, error: string }

/** Items per message: a few milliseconds of deserialising on a modest PC. */
export const SLICE_ITEMS = 5_000

type Lists = Record<string, unknown[]>

/** Lists at the top of each passed section, with a setter to put the joined list back. */
function* longLists(digest: FeedDigest, min: number): Generator<{ section: SectionName, field: string | null, list: unknown[], put: (items: unknown[]) => void }> {
  for (const section of sectionNames) {
    const result = digest.check.sections[section]
    if (!result.ok || result.data === undefined)
      continue
    const sectionData = result.data as unknown
    if (Array.isArray(sectionData)) {
      if (sectionData.length >= min)
        yield { section, field: null, list: sectionData, put: items => Object.assign(result, { data: items }) }
      continue
    }
    const fields = sectionData as Lists
    for (const [field, list] of Object.entries(fields)) {
      if (Array.isArray(list) && list.length >= min)
        yield { section, field, list, put: (items) => { fields[field] = items } }
    }
  }
}

/** Worker side: takes every long list out of the digest (leaving it empty) and returns it in slices. */
export function sliceDigest(digest: FeedDigest, size = SLICE_ITEMS): Slice[] {
  const slices: Slice[] = []
  for (const { section, field, list, put } of longLists(digest, size + 1)) {
    for (let i = 0; i < list.length; i += size)
      slices.push({ section, field, items: list.slice(i, i + size) })
    put([])
  }
  return slices
}

/** Main-thread side: puts the slices, in the order they came, back into the digest. */
export function joinDigest(digest: FeedDigest, slices: readonly Slice[]): FeedDigest {
  const joined = new Map<string, unknown[][]>()
  for (const s of slices) {
    const key = `${s.section}\u0000${s.field ?? ''}`
    const parts = joined.get(key) ?? []
    parts.push(s.items)
    joined.set(key, parts)
  }
  for (const { section, field, put } of longLists(digest, 0)) {
    const parts = joined.get(`${section}\u0000${field ?? ''}`)
    if (parts)
      put(parts.flat())
  }
  return digest
}
