/**
 * What a dry run would change, in words staff read: for a changed record, only the fields that
 * differ, before → after; for an added or removed one, its fields. The records are the
 * service's stored rows (`{ id, name, memberCount, … }`), compared field by field. Pure.
 */
import type { ImportAnswer, ImportChange, StoredRow } from '~/service/answers.ts'

export interface FieldChange {
  field: string
  before: unknown
  after: unknown
}

/** The same value, whatever the order of an object's keys: two stored rows compare by content. */
function canonical(value: unknown): string {
  if (Array.isArray(value))
    return `[${value.map(canonical).join(',')}]`
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value).sort().map(k => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`
  // A field left out and a field set to null say the same: nothing is stored there.
  return value === undefined ? 'null' : JSON.stringify(value)
}

/** The fields that differ between two stored rows, in the rows' own order (before's fields first). */
export function changedFields(before: StoredRow, after: StoredRow): FieldChange[] {
  const b = before ?? {}
  const a = after ?? {}
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])]
  return fields
    .filter(f => canonical(b[f]) !== canonical(a[f]))
    .map(field => ({ field, before: b[field], after: a[field] }))
}

/** The fields of a record that is added or removed: every one it holds. */
export function rowFields(row: StoredRow): { field: string, value: unknown }[] {
  return Object.entries(row ?? {}).map(([field, value]) => ({ field, value }))
}

/** The fields a change shows: the differing ones of a change, all of an added or removed record. */
export function changeFields(c: ImportChange): FieldChange[] {
  if (c.change === 'changed')
    return changedFields(c.before, c.after)
  return c.change === 'added'
    ? rowFields(c.after).map(f => ({ field: f.field, before: undefined, after: f.value }))
    : rowFields(c.before).map(f => ({ field: f.field, before: f.value, after: undefined }))
}

export interface ValueWords {
  /** A field that holds nothing: （空）. */
  empty: string
  yes: string
  no: string
  /** Between the items of a list: 、 */
  listSep: string
}

/** A stored value as text: numbers as stored, yes/no in words, nothing as "empty". */
export function valueText(value: unknown, words: ValueWords): string {
  if (value === null || value === undefined || value === '')
    return words.empty
  if (typeof value === 'boolean')
    return value ? words.yes : words.no
  // Exact, as stored: a diff must never round two different values into one, nor group a year (2,026).
  if (typeof value === 'number')
    return String(value)
  if (typeof value === 'string')
    return value
  if (Array.isArray(value))
    return value.length ? value.map(v => valueText(v, words)).join(words.listSep) : words.empty
  return JSON.stringify(value)
}

/** Every change the import would make to its period; `changes` may hold fewer, as a sample. */
export function changeTotal(a: Pick<ImportAnswer, 'added' | 'changed' | 'removed'>): number {
  return a.added + a.changed + a.removed
}

/** How many changes `changes` is a sample of: the period's own, or those against the period compared with. */
export function listedTotal(a: Pick<ImportAnswer, 'added' | 'changed' | 'removed' | 'comparedWith'>): number {
  return changeTotal(a.comparedWith ?? a)
}

/** Whether the answer lists only some of its changes (the service sends the first 2,000). */
export function isSample(a: Pick<ImportAnswer, 'added' | 'changed' | 'removed' | 'changes' | 'comparedWith'>): boolean {
  return a.changes.length < listedTotal(a)
}

/** A stored field in staff's words: its column header, or its own name where the service gave none. */
export function fieldName(field: string, headers: Readonly<Record<string, string>>): string {
  return Object.hasOwn(headers, field) ? headers[field]! : field
}

/** Whether a commit is worth offering: the file passed and would change something. */
export function mayCommit(a: ImportAnswer): boolean {
  return a.ok && changeTotal(a) > 0
}
