/**
 * The fleet's alerts as stored: its settings (one row) and its incidents. An incident is opened
 * once per wall (a unique index on the open one), and each of its two messages is claimed before
 * it is sent, so replicas sweeping side by side neither open a wall's incident twice nor tell
 * the webhook twice. Every time is passed in: the sweep's clock decides, not the database's.
 */
import type { Kysely } from 'kysely'
import type { Database } from './schema.ts'
import { sql } from 'kysely'

export interface StoredFleetSettings {
  staleMinutes: number
  alertMinutes: number
  webhookUrl: string | null
  webhookProblem: string | null
}

export interface FleetSettingsChange {
  staleMinutes?: number
  alertMinutes?: number
  /** null removes the webhook. */
  webhookUrl?: string | null
}

export async function readFleetSettings(db: Kysely<Database>): Promise<StoredFleetSettings> {
  const r = await db.selectFrom('wall_settings').selectAll().where('id', '=', 1).executeTakeFirstOrThrow()
  return { staleMinutes: r.stale_minutes, alertMinutes: r.alert_minutes, webhookUrl: r.webhook_url, webhookProblem: r.webhook_problem }
}

/** Another webhook starts with a clean slate: the last one's failure says nothing about it. */
export async function changeFleetSettings(db: Kysely<Database>, change: FleetSettingsChange): Promise<StoredFleetSettings> {
  await db.updateTable('wall_settings').set({
    ...(change.staleMinutes !== undefined && { stale_minutes: change.staleMinutes }),
    ...(change.alertMinutes !== undefined && { alert_minutes: change.alertMinutes }),
    ...(change.webhookUrl !== undefined && { webhook_url: change.webhookUrl, webhook_problem: null }),
  }).where('id', '=', 1).execute()
  return readFleetSettings(db)
}

export async function setWebhookProblem(db: Kysely<Database>, problem: string | null): Promise<void> {
  await db.updateTable('wall_settings').set({ webhook_problem: problem }).where('id', '=', 1).execute()
}

/** A wall as the sweep reads it: the beat's few fields the state rules need, and its open incident. */
export interface SweepWallRow {
  screenId: string
  registered: boolean
  lastSeenAt: Date | null
  intervalSeconds: unknown
  errors: unknown
  generatedAt: unknown
  uptimeSeconds: unknown
  openIncidentId: number | null
}

/** Registered walls, and any other with an incident still open (it is closed: such a wall is no longer watched). */
export async function sweepWalls(db: Kysely<Database>): Promise<SweepWallRow[]> {
  const { rows } = await sql<{ screen_id: string, status: string, last_seen_at: Date | null, interval_seconds: unknown, errors: unknown, generated_at: unknown, uptime_seconds: unknown, incident_id: number | null }>`
    select w.screen_id, w.status, w.last_seen_at,
      w.beat -> 'intervalSeconds' as interval_seconds, w.beat -> 'errors' as errors,
      w.beat -> 'generatedAt' as generated_at, w.beat -> 'uptimeSeconds' as uptime_seconds,
      i.id as incident_id
    from walls w left join wall_incidents i on i.screen_id = w.screen_id and i.recovered_at is null
    where w.status = 'registered' or i.id is not null`.execute(db)
  return rows.map(r => ({
    screenId: r.screen_id,
    registered: r.status === 'registered',
    lastSeenAt: r.last_seen_at,
    intervalSeconds: r.interval_seconds,
    errors: r.errors,
    generatedAt: r.generated_at,
    uptimeSeconds: r.uptime_seconds,
    openIncidentId: r.incident_id,
  }))
}

export interface NewIncident {
  screenId: string
  state: 'lost' | 'stale'
  startedAt: Date
  openedAt: Date
  /** The wall's last beat as the sweep saw it: a beat since then means it decided on old news. */
  lastSeenAt: Date | null
}

/**
 * Opens the wall's incident; false when it has one open already (another replica was first) or
 * has beaten since it was read.
 */
export async function openIncident(db: Kysely<Database>, i: NewIncident): Promise<boolean> {
  const { rows } = await sql<{ id: number }>`
    insert into wall_incidents (screen_id, state, started_at, opened_at)
    select screen_id, ${i.state}, ${i.startedAt}, ${i.openedAt} from walls
    where screen_id = ${i.screenId} and last_seen_at is not distinct from ${i.lastSeenAt}
    on conflict do nothing
    returning id`.execute(db)
  return rows.length > 0
}

export async function recoverIncident(db: Kysely<Database>, id: number, at: Date): Promise<boolean> {
  const r = await db.updateTable('wall_incidents').set({ recovered_at: at }).where('id', '=', id).where('recovered_at', 'is', null).executeTakeFirst()
  return Number(r.numUpdatedRows) > 0
}

/** The opening message, or the recovery one. */
export type MessageKind = 'open' | 'close'

export interface DueMessage {
  incidentId: number
  kind: MessageKind
  screenId: string
  name: string
  state: 'lost' | 'stale'
  startedAt: Date
  recoveredAt: Date | null
}

/**
 * What is due to the webhook at `at`: an opening not yet sent while the incident is open (once
 * it has recovered, news of its start is no news), and a recovery once the opening went out.
 */
function due(kind: MessageKind, at: Date, maxAttempts: number) {
  return kind === 'open'
    ? sql<boolean>`i.open_sent_at is null and i.recovered_at is null and i.open_attempts < ${maxAttempts} and (i.open_next_at is null or i.open_next_at <= ${at})`
    : sql<boolean>`i.close_sent_at is null and i.recovered_at is not null and i.open_sent_at is not null and i.close_attempts < ${maxAttempts} and (i.close_next_at is null or i.close_next_at <= ${at})`
}

export async function dueMessages(db: Kysely<Database>, at: Date, maxAttempts: number): Promise<DueMessage[]> {
  const { rows } = await sql<{ id: number, opening: boolean, screen_id: string, name: string, state: 'lost' | 'stale', started_at: Date, recovered_at: Date | null }>`
    select i.id, (${due('open', at, maxAttempts)}) as opening, i.screen_id, w.name, i.state, i.started_at, i.recovered_at
    from wall_incidents i join walls w on w.screen_id = i.screen_id
    where (${due('open', at, maxAttempts)}) or (${due('close', at, maxAttempts)})
    order by i.id`.execute(db)
  return rows.map(r => ({
    incidentId: r.id,
    kind: r.opening ? 'open' : 'close',
    screenId: r.screen_id,
    name: r.name,
    state: r.state,
    startedAt: r.started_at,
    recoveredAt: r.recovered_at,
  }))
}

/**
 * Takes the message for this replica until `leaseUntil`: its failed tries so far when it is
 * still due and nobody else took it, else null. A replica that dies while sending leaves it to be
 * taken again once the lease ends.
 */
export async function claimMessage(db: Kysely<Database>, id: number, kind: MessageKind, at: Date, leaseUntil: Date, maxAttempts: number): Promise<number | null> {
  const { rows } = await sql<{ attempts: number }>`
    update wall_incidents i set ${sql.ref(`${kind}_next_at`)} = ${leaseUntil}
    where i.id = ${id} and ${due(kind, at, maxAttempts)}
    returning ${sql.ref(`i.${kind}_attempts`)} as attempts`.execute(db)
  return rows[0]?.attempts ?? null
}

export async function messageSent(db: Kysely<Database>, id: number, kind: MessageKind, at: Date): Promise<void> {
  await db.updateTable('wall_incidents').set(kind === 'open' ? { open_sent_at: at, open_next_at: null } : { close_sent_at: at, close_next_at: null }).where('id', '=', id).execute()
}

/** One more failed try; `nextAt` null when there will be none. */
export async function messageFailed(db: Kysely<Database>, id: number, kind: MessageKind, nextAt: Date | null, error: string): Promise<void> {
  await db.updateTable('wall_incidents').set(eb => kind === 'open'
    ? { open_attempts: eb('open_attempts', '+', 1), open_next_at: nextAt, last_error: error }
    : { close_attempts: eb('close_attempts', '+', 1), close_next_at: nextAt, last_error: error }).where('id', '=', id).execute()
}
