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

type MaybeTime = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
type MaybeJson = ColumnType<unknown | null, string | null | undefined, string | null>

/** A wall: registered (with the hash of its key), or heard from but not registered (pending, rejected). */
export interface WallsTable {
  screen_id: string
  status: 'registered' | 'pending' | 'rejected'
  name: ColumnType<string, string | undefined, string>
  place: ColumnType<string, string | undefined, string>
  /** SHA-256 of the wall's key: a key is random and long, so a fast hash is enough. */
  key_hash: string | null
  created_at: Timestamp
  registered_at: MaybeTime
  first_seen_at: MaybeTime
  last_seen_at: MaybeTime
  last_address: string | null
  /** The latest beat as read (src/walls.ts heartbeatSchema), without its key and results. */
  beat: MaybeJson
  /** The settings an admin stored for this wall (src/walls.ts wallSettingsSchema). */
  settings: MaybeJson
  /** Commands not yet reported done: the beat's hot path asks for them only when above 0. */
  commands_waiting: ColumnType<number, number | undefined, number>
}

/** One beat of a registered wall, kept a week. */
export interface WallBeatsTable {
  screen_id: string
  at: Timestamp
  /** Its figures were stale by the fleet's rule when it came. */
  stale: boolean
  errors: boolean
}

/** A wall's hour: its beats folded, kept beyond the week. */
export interface WallHoursTable {
  screen_id: string
  hour: Timestamp
  beats: number
  stale_beats: number
  /** Beats its interval would have sent in the hour. */
  expected: number
}

export interface WallCommandsTable {
  id: Generated<number>
  screen_id: string
  type: 'reload' | 'settings'
  settings: MaybeJson
  who: string
  created_at: Timestamp
  delivered_at: MaybeTime
  done_at: MaybeTime
  ok: boolean | null
  message: string | null
}

/** A wall lost or stale past the alert time: opened once, closed at recovery, each told once to the webhook. */
export interface WallIncidentsTable {
  id: Generated<number>
  screen_id: string
  state: 'lost' | 'stale'
  started_at: Timestamp
  opened_at: Timestamp
  recovered_at: MaybeTime
  open_sent_at: MaybeTime
  open_attempts: ColumnType<number, number | undefined, number>
  open_next_at: MaybeTime
  close_sent_at: MaybeTime
  close_attempts: ColumnType<number, number | undefined, number>
  close_next_at: MaybeTime
  last_error: string | null
}

export interface WallSettingsTable {
  id: number
  stale_minutes: number
  alert_minutes: number
  webhook_url: string | null
  webhook_problem: string | null
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
  walls: WallsTable
  wall_beats: WallBeatsTable
  wall_hours: WallHoursTable
  wall_commands: WallCommandsTable
  wall_incidents: WallIncidentsTable
  wall_settings: WallSettingsTable
}
