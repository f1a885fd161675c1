/**
 * The walls as stored (migration 0003_walls): a row per wall with its latest beat, its beats of
 * the week, its hours beyond, and the commands an admin left for it. A beat is the hot path — a
 * thousand walls every 30 s — so taking one is a read and one statement, its commands are looked
 * up only when the row says some wait, and beats of walls nobody registered are written in
 * batches. Every time is passed in: the caller's clock decides.
 */
import type { Kysely, Transaction } from 'kysely'
import type { CommandResult, CommandType } from '../../src/walls.ts'
import type { Database, WallsTable } from './schema.ts'
import { sql } from 'kysely'
import { MAX_PENDING_WALLS } from '../../src/walls.ts'

type Db = Kysely<Database> | Transaction<Database>
type WallStatus = WallsTable['status']

/** What a beat's screenId finds: the fleet's stale limit, and the wall's row if it has one. A wall's known key makes this read unneeded (walls/receive.ts). */
export interface BeatTarget {
  staleMinutes: number
  wall: { status: WallStatus, keyHash: string | null, lastSeenAt: Date | null } | null
}

export async function beatTarget(db: Db, screenId: string): Promise<BeatTarget> {
  const { rows: [row] } = await sql<{ stale_minutes: number, status: WallStatus | null, key_hash: string | null, last_seen_at: Date | null }>`
    select s.stale_minutes, w.status, w.key_hash, w.last_seen_at
    from wall_settings s left join walls w on w.screen_id = ${screenId}
    where s.id = 1`.execute(db)
  if (!row)
    throw new Error('wall_settings has no row: migration 0003_walls not applied')
  return { staleMinutes: row.stale_minutes, wall: row.status === null ? null : { status: row.status, keyHash: row.key_hash, lastSeenAt: row.last_seen_at } }
}

export interface KeyedBeat {
  screenId: string
  /** The hash the key was checked against: a key changed meanwhile takes nothing. */
  keyHash: string
  at: Date
  address: string
  /** The beat to keep on the row, as JSON. */
  beat: string
  stale: boolean
  errors: boolean
  done: CommandResult[]
  /** A beat sooner than this after the last one taken is refused. */
  minGapMs: number
}

/** A command as a beat's answer carries it (src/walls.ts wallCommand). */
export type DeliveredCommand = { id: number, type: 'reload' } | { id: number, type: 'settings', settings: unknown }

/** A beat taken: the commands it is answered with, and the fleet's stale limit as it read. */
export interface TakenBeat {
  commands: DeliveredCommand[]
  staleMinutes: number
}

/**
 * Takes a registered wall's beat: its row, one row of its week, the results it reports, and the
 * commands still waiting for it (delivered from now on). Null, and nothing written, unless the
 * screenId is registered with `keyHash` and its last beat was taken at least `minGapMs` before.
 */
export async function takeBeat(db: Kysely<Database>, b: KeyedBeat): Promise<TakenBeat | null> {
  let staleMinutes = 0
  const take = async (trx: Db): Promise<number | null> => {
    const { rows: [row] } = await sql<{ commands_waiting: number | null, stale_minutes: number }>`
      with taken as (
        update walls set last_seen_at = ${b.at}, last_address = ${b.address}, beat = ${b.beat}::jsonb,
          first_seen_at = coalesce(first_seen_at, ${b.at})
        where screen_id = ${b.screenId} and status = 'registered' and key_hash = ${b.keyHash}
          and (last_seen_at is null or last_seen_at <= ${new Date(b.at.getTime() - b.minGapMs)})
        returning screen_id, commands_waiting
      ), week as (
        insert into wall_beats (screen_id, at, stale, errors)
        select screen_id, ${b.at}, ${b.stale}, ${b.errors} from taken
      )
      select s.stale_minutes, t.commands_waiting from wall_settings s left join taken t on true where s.id = 1`.execute(trx)
    if (row?.commands_waiting == null)
      return null
    staleMinutes = row.stale_minutes
    return b.done.length > 0 ? commandsDone(trx, b.screenId, b.done, b.at) : row.commands_waiting
  }
  // Results and the count they lower change together; a beat without results is one statement.
  const waiting = b.done.length > 0 ? await db.transaction().execute(take) : await take(db)
  if (waiting === null)
    return null
  return { commands: waiting > 0 ? await deliver(db, b.screenId, waiting, b.at) : [], staleMinutes }
}

/**
 * Marks the wall's own open commands done; an id already done or another wall's changes
 * nothing. The waiting count goes down by the commands this closed, never recounted: a command
 * added meanwhile is counted by its own statement.
 */
async function commandsDone(trx: Db, screenId: string, done: CommandResult[], at: Date): Promise<number> {
  // An id past the column's range names no command; read as one, it would fail the beat.
  const results = JSON.stringify(done.filter(d => d.id <= 2_147_483_647).map(d => ({ id: d.id, ok: d.ok, message: d.message })))
  const { rows: [row] } = await sql<{ commands_waiting: number }>`
    with closed as (
      update wall_commands c set done_at = ${at}, ok = r.ok, message = r.message
      from jsonb_to_recordset(${results}::jsonb) as r (id integer, ok boolean, message text)
      where c.id = r.id and c.screen_id = ${screenId} and c.done_at is null
      returning c.id
    )
    update walls set commands_waiting = greatest(0, commands_waiting - (select count(*) from closed)::integer)
    where screen_id = ${screenId}
    returning commands_waiting`.execute(trx)
  return row?.commands_waiting ?? 0
}

/** The wall's open commands, oldest first, marked delivered at their first delivery. */
async function deliver(db: Db, screenId: string, waiting: number, at: Date): Promise<DeliveredCommand[]> {
  const { rows } = await sql<{ id: number, type: CommandType, settings: unknown }>`
    update wall_commands set delivered_at = coalesce(delivered_at, ${at})
    where id in (select id from wall_commands where screen_id = ${screenId} and done_at is null order by id limit 20)
    returning id, type, settings`.execute(db)
  if (rows.length === 0) {
    // A count that outlived its commands (a restored backup keeps walls, not commands): set
    // right, unless a command came meanwhile (the count moved).
    await sql`update walls set commands_waiting = 0
      where screen_id = ${screenId} and commands_waiting = ${waiting}
        and not exists (select 1 from wall_commands where screen_id = ${screenId} and done_at is null)`.execute(db)
  }
  return rows.sort((a, b) => a.id - b.id).map(r => r.type === 'settings' ? { id: r.id, type: 'settings', settings: r.settings ?? {} } : { id: r.id, type: 'reload' })
}

export interface PendingBeat {
  screenId: string
  at: Date
  address: string
  /** The beat to keep on the row. */
  beat: unknown
}

/**
 * Keeps the latest beats of walls nobody registered on their pending rows (a row is made at its
 * first beat; a registered or rejected row is never written here), then holds the rows nobody
 * registered (pending and rejected) to `cap` (MAX_PENDING_WALLS), the silent longest going first. One
 * transaction: nobody sees the table past the cap. One beat a screenId.
 */
export async function keepPendingBeats(db: Kysely<Database>, beats: PendingBeat[], cap = MAX_PENDING_WALLS): Promise<void> {
  if (beats.length === 0)
    return
  const rows = JSON.stringify(beats.map(b => ({ screen_id: b.screenId, at: b.at.toISOString(), address: b.address, beat: b.beat })))
  await db.transaction().execute(async (trx) => {
    const { rows: [kept] } = await sql<{ created: number }>`
      with kept as (
        insert into walls (screen_id, status, created_at, last_seen_at, last_address, beat)
        select screen_id, 'pending', at, at, address, beat
        from jsonb_to_recordset(${rows}::jsonb) as x (screen_id text, at timestamptz, address text, beat jsonb)
        on conflict (screen_id) do update set last_seen_at = excluded.last_seen_at, last_address = excluded.last_address, beat = excluded.beat
        where walls.status = 'pending'
        returning (xmax = 0) as created
      )
      select (count(*) filter (where created))::integer as created from kept`.execute(trx)
    if (!kept?.created)
      return
    await sql`delete from walls where screen_id in (
      select screen_id from walls where status <> 'registered' order by last_seen_at desc offset ${cap}
    )`.execute(trx)
  })
}

/** An hour's counts; `hour` is its start, ms. */
export interface HourRow {
  hour: number
  beats: number
  staleBeats: number
}

/** A wall's row as the fleet page needs it, with the hours of its week not folded yet. */
export interface WallRow {
  screenId: string
  status: WallStatus
  name: string
  place: string
  registeredAt: Date | null
  firstSeenAt: Date | null
  lastSeenAt: Date | null
  lastAddress: string | null
  beat: unknown
  settings: unknown
  /** The start of its last folded hour, ms; null when none is. */
  folded: number | null
  /** Its hours after the last folded one, counted from wall_beats. */
  beatHours: HourRow[]
}

interface RawWallRow {
  screen_id: string
  status: WallStatus
  name: string
  place: string
  registered_at: Date | null
  first_seen_at: Date | null
  last_seen_at: Date | null
  last_address: string | null
  beat: unknown
  settings: unknown
  folded: number | null
  b_hour: number[] | null
  b_beats: number[] | null
  b_stale: number[] | null
}

/** The hour's start, ms, of a beat's time, in SQL (UTC hours, whatever the session's time zone). */
const beatHour = sql`(floor(extract(epoch from at) / 3600) * 3600000)::float8`

/**
 * Every wall but the rejected (or the one named), with the counts of its hours from `from` to
 * `to` that are not folded yet; the folded ones are read by foldedHours. Pending walls have no
 * history.
 */
export async function wallRows(db: Db, range: { from: Date, to: Date }, screenId?: string): Promise<WallRow[]> {
  const { rows } = await sql<RawWallRow>`
    select w.screen_id, w.status, w.name, w.place, w.registered_at, w.first_seen_at, w.last_seen_at, w.last_address, w.beat, w.settings,
      (extract(epoch from f.folded) * 1000)::float8 as folded, b.b_hour, b.b_beats, b.b_stale
    from walls w
    left join lateral (select max(hour) as folded from wall_hours where screen_id = w.screen_id and w.status = 'registered') f on true
    left join lateral (
      select array_agg(hour order by hour) as b_hour, array_agg(beats order by hour) as b_beats, array_agg(stale_beats order by hour) as b_stale
      from (
        select ${beatHour} as hour, count(*)::integer as beats, (count(*) filter (where stale))::integer as stale_beats
        from wall_beats
        where screen_id = w.screen_id and w.status = 'registered'
          and at >= greatest(${range.from}::timestamptz, f.folded + interval '1 hour') and at < ${range.to}
        group by 1
      ) x
    ) b on true
    where w.status <> 'rejected' ${screenId === undefined ? sql`` : sql`and w.screen_id = ${screenId}`}`.execute(db)
  return rows.map(r => ({
    screenId: r.screen_id,
    status: r.status,
    name: r.name,
    place: r.place,
    registeredAt: r.registered_at,
    firstSeenAt: r.first_seen_at,
    lastSeenAt: r.last_seen_at,
    lastAddress: r.last_address,
    beat: r.beat,
    settings: r.settings,
    folded: r.folded,
    beatHours: (r.b_hour ?? []).map((hour, i) => ({ hour, beats: r.b_beats![i]!, staleBeats: r.b_stale![i]! })),
  }))
}

/** The folded hours (wall_hours) of these walls from `from` on, by wall. */
export async function foldedHours(db: Db, screenIds: string[], from: Date): Promise<Map<string, (HourRow & { expected: number })[]>> {
  const { rows } = await sql<{ screen_id: string, hour: number[], beats: number[], stale: number[], expected: number[] }>`
    select w.screen_id, h.hour, h.beats, h.stale, h.expected
    from jsonb_array_elements_text(${JSON.stringify(screenIds)}::jsonb) as w (screen_id)
    cross join lateral (
      select array_agg((extract(epoch from hour) * 1000)::float8 order by hour) as hour, array_agg(beats order by hour) as beats,
        array_agg(stale_beats order by hour) as stale, array_agg(expected order by hour) as expected
      from wall_hours where screen_id = w.screen_id and hour >= ${from}
    ) h
    where h.hour is not null`.execute(db)
  return new Map(rows.map(r => [r.screen_id, r.hour.map((hour, i) => ({ hour, beats: r.beats[i]!, staleBeats: r.stale[i]!, expected: r.expected[i]! }))]))
}

/** The fleet's two limits the states are judged by. */
export async function fleetLimits(db: Db): Promise<{ staleMinutes: number, alertMinutes: number }> {
  const row = await db.selectFrom('wall_settings').select(['stale_minutes', 'alert_minutes']).where('id', '=', 1).executeTakeFirstOrThrow()
  return { staleMinutes: row.stale_minutes, alertMinutes: row.alert_minutes }
}

export interface NewWall {
  screenId: string
  name: string
  place: string
  keyHash: string
  at: Date
}

/** Registers a wall, or the pending or rejected row of its screenId (which keeps its last beat); false when it is registered already. */
export async function registerWall(db: Db, w: NewWall): Promise<boolean> {
  const { rows } = await sql<{ screen_id: string }>`
    insert into walls (screen_id, status, name, place, key_hash, created_at, registered_at)
    values (${w.screenId}, 'registered', ${w.name}, ${w.place}, ${w.keyHash}, ${w.at}, ${w.at})
    on conflict (screen_id) do update set status = 'registered', name = excluded.name, place = excluded.place,
      key_hash = excluded.key_hash, registered_at = excluded.registered_at
    where walls.status <> 'registered'
    returning screen_id`.execute(db)
  return rows.length > 0
}

/** A wall's status; null when there is no row. */
export async function wallStatus(db: Db, screenId: string): Promise<WallStatus | null> {
  const row = await db.selectFrom('walls').select('status').where('screen_id', '=', screenId).executeTakeFirst()
  return row?.status ?? null
}

/** Renames or moves a registered wall; false when there is no such registered wall. */
export async function changeWall(db: Db, screenId: string, change: { name?: string, place?: string }): Promise<boolean> {
  const r = await db.updateTable('walls').set({
    ...(change.name !== undefined && { name: change.name }),
    ...(change.place !== undefined && { place: change.place }),
  }).where('screen_id', '=', screenId).where('status', '=', 'registered').executeTakeFirst()
  return Number(r.numUpdatedRows) > 0
}

/** Gives a registered wall a new key hash; the old key stops at once. False when not registered. */
export async function rekeyWall(db: Db, screenId: string, keyHash: string): Promise<boolean> {
  const r = await db.updateTable('walls').set({ key_hash: keyHash }).where('screen_id', '=', screenId).where('status', '=', 'registered').executeTakeFirst()
  return Number(r.numUpdatedRows) > 0
}

/**
 * Removes a registered wall with its history (the foreign keys cascade), or rejects a pending
 * one: the row stays, so its beats are refused and it stops coming back. Null: neither.
 */
export async function removeWall(db: Db, screenId: string): Promise<'removed' | 'rejected' | null> {
  const removed = await db.deleteFrom('walls').where('screen_id', '=', screenId).where('status', '=', 'registered').executeTakeFirst()
  if (Number(removed.numDeletedRows) > 0)
    return 'removed'
  const rejected = await db.updateTable('walls').set({ status: 'rejected' }).where('screen_id', '=', screenId).where('status', '=', 'pending').executeTakeFirst()
  return Number(rejected.numUpdatedRows) > 0 ? 'rejected' : null
}

export interface NewCommand {
  screenId: string
  type: CommandType
  /** For a settings command: the wall's settings from now on, as JSON; `{}` clears them. */
  settings?: string
  who: string
  at: Date
}

/** Leaves a command for a registered wall (a settings command also stores its settings); null when the wall is not registered. */
export async function addWallCommand(db: Db, c: NewCommand): Promise<number | null> {
  const settings = c.settings ?? null
  const stored = settings === null ? sql`settings` : settings === '{}' ? sql`null` : sql`${settings}::jsonb`
  const { rows: [row] } = await sql<{ id: number }>`
    with wall as (
      update walls set commands_waiting = commands_waiting + 1, settings = ${stored}
      where screen_id = ${c.screenId} and status = 'registered'
      returning screen_id
    )
    insert into wall_commands (screen_id, type, settings, who, created_at)
    select screen_id, ${c.type}, ${settings}::jsonb, ${c.who}, ${c.at} from wall
    returning id`.execute(db)
  return row?.id ?? null
}

/** One reload for every registered wall; their ids. */
export async function addReloadForAll(db: Db, who: string, at: Date): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`
    with registered as (
      update walls set commands_waiting = commands_waiting + 1 where status = 'registered' returning screen_id
    )
    insert into wall_commands (screen_id, type, who, created_at)
    select screen_id, 'reload', ${who}, ${at} from registered order by screen_id
    returning id`.execute(db)
  return rows.map(r => r.id).sort((a, b) => a - b)
}

export interface CommandRow {
  id: number
  type: CommandType
  settings: unknown
  who: string
  createdAt: Date
  deliveredAt: Date | null
  doneAt: Date | null
  ok: boolean | null
  message: string | null
}

/** The wall's last `limit` commands, newest first. */
export async function wallCommands(db: Db, screenId: string, limit: number): Promise<CommandRow[]> {
  const rows = await db.selectFrom('wall_commands').selectAll().where('screen_id', '=', screenId).orderBy('id', 'desc').limit(limit).execute()
  return rows.map(r => ({ id: r.id, type: r.type, settings: r.settings, who: r.who, createdAt: r.created_at, deliveredAt: r.delivered_at, doneAt: r.done_at, ok: r.ok, message: r.message }))
}

/** A completed hour of a wall's beats not folded yet, with what its expected count is made from. */
export interface UnfoldedHour {
  screenId: string
  hour: number
  beats: number
  staleBeats: number
  firstSeenAt: Date | null
  /** The wall's interval, as its last beat said. */
  intervalSeconds: number | null
}

/** Each wall's hours after its last folded one and before `before` that hold beats. */
export async function unfoldedHours(db: Db, before: Date): Promise<UnfoldedHour[]> {
  const { rows } = await sql<{ screen_id: string, hour: number, beats: number, stale_beats: number, first_seen_at: Date | null, interval_seconds: number | null }>`
    select w.screen_id, x.hour, x.beats, x.stale_beats, w.first_seen_at,
      case when jsonb_typeof(w.beat -> 'intervalSeconds') = 'number' then (w.beat ->> 'intervalSeconds')::float8 end as interval_seconds
    from walls w
    left join lateral (select max(hour) as folded from wall_hours where screen_id = w.screen_id) f on true
    join lateral (
      select ${beatHour} as hour, count(*)::integer as beats, (count(*) filter (where stale))::integer as stale_beats
      from wall_beats
      where screen_id = w.screen_id and at < ${before} and at >= coalesce(f.folded + interval '1 hour', '-infinity'::timestamptz)
      group by 1
    ) x on true
    where w.status = 'registered'`.execute(db)
  return rows.map(r => ({ screenId: r.screen_id, hour: r.hour, beats: r.beats, staleBeats: r.stale_beats, firstSeenAt: r.first_seen_at, intervalSeconds: r.interval_seconds }))
}

export interface FoldedHour {
  screenId: string
  hour: Date
  beats: number
  staleBeats: number
  expected: number
}

/** Writes folded hours; an hour folded again is replaced by the same counts. */
export async function upsertWallHours(db: Db, hours: FoldedHour[]): Promise<void> {
  for (let i = 0; i < hours.length; i += 1000) {
    await db.insertInto('wall_hours')
      .values(hours.slice(i, i + 1000).map(h => ({ screen_id: h.screenId, hour: h.hour, beats: h.beats, stale_beats: h.staleBeats, expected: h.expected })))
      .onConflict(oc => oc.columns(['screen_id', 'hour']).doUpdateSet(eb => ({
        beats: eb.ref('excluded.beats'),
        stale_beats: eb.ref('excluded.stale_beats'),
        expected: eb.ref('excluded.expected'),
      })))
      .execute()
  }
}

/** Deletes the beats before `before`; how many. */
export async function pruneWallBeats(db: Db, before: Date): Promise<number> {
  const r = await db.deleteFrom('wall_beats').where('at', '<', before).executeTakeFirst()
  return Number(r.numDeletedRows)
}

/** Deletes the folded hours before `before`, wall by wall along the key (wall_hours has no index on the hour alone). */
export async function pruneWallHours(db: Db, before: Date): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    with gone as (
      delete from wall_hours where (screen_id, hour) in (
        select x.screen_id, x.hour from walls w
        cross join lateral (select screen_id, hour from wall_hours where screen_id = w.screen_id and hour < ${before}) x
      )
      returning 1
    )
    select count(*)::integer as n from gone`.execute(db)
  return rows[0]?.n ?? 0
}

/** PGlite has no autovacuum: the space of pruned beats is given back by hand. */
export async function vacuumWallBeats(db: Kysely<Database>): Promise<void> {
  await sql`vacuum wall_beats`.execute(db)
}
