/**
 * The database as Kysely sees it: one interface per table, written by the migrations in
 * migrations.ts. Identities are `integer` so both PGlite and node-postgres return numbers.
 */
import type { ColumnType, Generated } from 'kysely'
import type { Role } from '../../src/accounts.ts'
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

export interface UsersTable {
  name: string
  role: Role
  /** scrypt, with its parameters (auth/passwords.ts). */
  password: string
  created_at: Timestamp
  last_sign_in_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
}

export interface SessionsTable {
  /** SHA-256 of the cookie's value: a copy of the database opens no session. */
  hash: string
  user_name: string
  /** The token every write of this session sends in X-CSRF-Token. */
  csrf: string
  created_at: Timestamp
  seen_at: Timestamp
  expires_at: Timestamp
}

/** One failed sign-in under each of its keys (`address:…`, `name:…`), kept 15 minutes. */
export interface SignInFailuresTable {
  key: string
  at: Timestamp
}

export interface AuditTable {
  id: Generated<number>
  at: Timestamp
  who: string
  action: string
  target: string
  from_address: string
  result: string
}

/** This deployment's own key, made once by its migration and never backed up or restored. */
export interface DeploymentTable {
  id: number
  key: string
}

export interface Database {
  imports: ImportsTable
  import_rows: ImportRowsTable
  month_figures: MonthFiguresTable
  state: StateTable
  tokens: TokensTable
  published: PublishedTable
  users: UsersTable
  sessions: SessionsTable
  sign_in_failures: SignInFailuresTable
  audit: AuditTable
  deployment: DeploymentTable
}
