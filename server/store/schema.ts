/**
 * The database as Kysely sees it: one interface per table, written by the migrations in
 * migrations.ts. Identities are `integer` so both PGlite and node-postgres return numbers.
 */
import type { ColumnType, Generated } from 'kysely'
import type { ImportKind } from '../../src/import-kinds.ts'

type Json = ColumnType<unknown, string, string>
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>

export interface ImportsTable {
  id: Generated<number>
  /** An import, or the withdrawal of one (logged like an import). */
  action: 'import' | 'withdraw'
  kind: ImportKind
  /** `YYYY-MM`, `YYYY-MM-DD`, `YYYY`, or '' for events. */
  period: string
  file_name: string
  size: number
  sha256: string
  who: string
  at: Timestamp
  rows: number
  system: string
  demo: boolean
  warnings: Json
  /** For a study day: its sums, taken once at commit (see feed/inputs.ts StudyDaySummary). */
  summary: ColumnType<unknown | null, string | null, string | null>
  /** Set on an import once it is withdrawn; its period then reads as before it. */
  withdrawn_at: ColumnType<Date | null, Date | string | null, Date | string | null>
  /** On a withdrawal: the import it withdrew. */
  target_id: number | null
}

export interface ImportRowsTable {
  import_id: number
  /** The row as Excel numbers it in the file. */
  n: number
  key: string
  data: Json
}

export interface MonthFiguresTable {
  month: string
  figures: Json
}

/** One row: the data version every change moves on, so every replica sees a change at once. */
export interface StateTable {
  id: number
  version: number
  changed_at: Timestamp
}

export interface TokensTable {
  id: Generated<number>
  name: string
  role: 'editor' | 'admin'
  /** SHA-256 of the token: a token is random and long, so a fast hash is enough. */
  hash: string
  created_at: Timestamp
  revoked_at: ColumnType<Date | null, Date | string | null, Date | string | null>
}

/** The last feed that passed validation, kept so a replica that starts on bad data serves it. */
export interface PublishedTable {
  id: number
  version: number
  /** The feed as served (JSON text). */
  document: string
}

export interface Database {
  imports: ImportsTable
  import_rows: ImportRowsTable
  month_figures: MonthFiguresTable
  state: StateTable
  tokens: TokensTable
  published: PublishedTable
}
