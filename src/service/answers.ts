/**
 * The data service's answers (docs/service.md; src/accounts.ts and src/import-kinds.ts are the contract's words), as valibot schemas:
 * an answer is `unknown` until one of these has checked it, and every type the pages use is
 * inferred from them. Objects are not strict: a field the service adds later is dropped here.
 */
import * as v from 'valibot'
import { roles, tokenRoles } from '~/accounts.ts'
import { importKinds } from '~/import-kinds.ts'
import { wallEntry } from '~/walls.ts'

const count = v.pipe(v.number(), v.integer(), v.minValue(0))
const id = v.pipe(v.number(), v.integer())
const time = v.pipe(v.string(), v.check(s => !Number.isNaN(Date.parse(s))))
/** A text the service may leave out or send as null (an audit entry's target). */
const maybeText = v.optional(v.nullable(v.string()), null)

export const sessionAnswer = v.object({
  user: v.object({ name: v.string(), role: v.picklist(roles) }),
  csrfToken: v.pipe(v.string(), v.minLength(1)),
  expiresAt: time,
})
export type SessionAnswer = v.InferOutput<typeof sessionAnswer>
export type SessionUser = SessionAnswer['user']

export const okAnswer = v.object({ ok: v.literal(true) })

/** A problem of the file, by row as Excel numbers it (null: the whole file) and column (null: the whole row). */
const rowProblem = v.object({ row: v.nullable(count), column: v.nullable(v.string()), message: v.string() })
export type RowProblem = v.InferOutput<typeof rowProblem>

/** A stored row of a kind (its fields are the kind's: id, name, memberCount…), or none. */
const storedRow = v.nullable(v.record(v.string(), v.unknown()))
export type StoredRow = v.InferOutput<typeof storedRow>

const change = v.object({
  change: v.picklist(['added', 'changed', 'removed']),
  // Keys are ids as the file holds them; a number is read as its text.
  key: v.union([v.string(), v.pipe(v.number(), v.transform(String))]),
  row: v.nullable(count),
  before: storedRow,
  after: storedRow,
})
export type ImportChange = v.InferOutput<typeof change>

/** How a file for an empty month or year differs from the latest earlier period, which `changes` then shows. */
const comparedWith = v.object({ period: v.string(), importId: id, fileName: v.string(), added: count, changed: count, removed: count, unchanged: count })
export type ComparedWith = v.InferOutput<typeof comparedWith>

export const importAnswer = v.object({
  ok: v.boolean(),
  kind: v.picklist(importKinds),
  period: v.string(),
  dryRun: v.boolean(),
  rows: count,
  added: count,
  changed: count,
  removed: count,
  unchanged: count,
  warnings: v.array(rowProblem),
  errors: v.array(rowProblem),
  importId: v.nullable(id),
  sha256: v.string(),
  /** The import in force for this kind and period when the answer was made; null = none. */
  basedOn: v.nullable(id),
  /** A sample (the first 2,000): the counts above, or comparedWith's, are exact. */
  changes: v.array(change),
  /** Each stored field's column header (memberCount → 会员数): how before and after name fields. */
  headers: v.optional(v.record(v.string(), v.string()), {}),
  /** Null: `changes` are this period's own. Else the period they compare with, and its counts. */
  comparedWith: v.optional(v.nullable(comparedWith), null),
})
export type ImportAnswer = v.InferOutput<typeof importAnswer>

export const historyEntry = v.object({
  importId: id,
  action: v.picklist(['import', 'withdraw']),
  // Not a picklist: a kind this build does not know yet still lists, under its id.
  kind: v.string(),
  period: v.string(),
  fileName: v.string(),
  size: count,
  sha256: v.string(),
  who: v.string(),
  at: time,
  rows: count,
  system: maybeText,
  demo: v.boolean(),
  withdrawnAt: v.nullable(time),
  withdraws: v.nullable(id),
  /** The import in force for its kind and period: the one that may be withdrawn. */
  current: v.boolean(),
})
export type HistoryEntry = v.InferOutput<typeof historyEntry>
export const historyAnswer = v.array(historyEntry)

const restored = v.nullable(v.object({ importId: id, fileName: v.string(), at: time, rows: count }))
export const withdrawPreview = v.object({ ok: v.boolean(), importId: id, kind: v.string(), period: v.string(), restored })
export type WithdrawPreview = v.InferOutput<typeof withdrawPreview>
export const withdrawAnswer = v.object({ ...withdrawPreview.entries, withdrawalId: id })
export type WithdrawAnswer = v.InferOutput<typeof withdrawAnswer>

export const userEntry = v.object({ name: v.string(), role: v.picklist(roles), createdAt: time, lastSignInAt: v.nullable(time) })
export type UserEntry = v.InferOutput<typeof userEntry>
export const usersAnswer = v.array(userEntry)
export const userAnswer = v.object({ name: v.string(), role: v.picklist(roles) })

export const tokenEntry = v.object({ name: v.string(), role: v.picklist(tokenRoles), createdAt: time })
export type TokenEntry = v.InferOutput<typeof tokenEntry>
export const tokensAnswer = v.array(tokenEntry)
export const issuedToken = v.object({ name: v.string(), role: v.picklist(tokenRoles), token: v.pipe(v.string(), v.minLength(1)) })
export type IssuedToken = v.InferOutput<typeof issuedToken>

export const auditEntry = v.object({
  at: time,
  who: v.string(),
  // A string: an action this build does not know still lists, as the service names it.
  action: v.string(),
  target: maybeText,
  from: maybeText,
  result: v.string(),
})
export type AuditEntry = v.InferOutput<typeof auditEntry>
export const auditAnswer = v.object({ entries: v.array(auditEntry), total: count })
export type AuditAnswer = v.InferOutput<typeof auditAnswer>

// The walls' entries, one wall and the fleet's settings are src/walls.ts's schemas: the contract's.
export const wallsAnswer = v.array(wallEntry)
/** A wall's key, given once: when it is registered or accepted, and when a new one replaces it. */
export const wallKey = v.object({ screenId: v.string(), key: v.pipe(v.string(), v.minLength(1)) })
export type WallKey = v.InferOutput<typeof wallKey>
/** The command just queued for one wall; for all of them, one per wall. */
export const commandId = v.object({ id })
export const commandIds = v.object({ ids: v.array(id) })
