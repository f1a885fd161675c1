/**
 * The walls and the data service, as a contract (service-contract.md, "Walls"): what a wall
 * says in its heartbeat, what the service answers, the settings an admin may send a wall, and
 * the rules that give each wall one state. The wall (src/upkeep/), the service (server/walls/)
 * and the staff page 大屏状态 (src/staff/walls/) all read these, and nothing else, about walls.
 * Nothing here sends, stores or draws anything.
 */
import * as v from 'valibot'

/** A beat's body, bytes: past this the service answers 413 before it parses anything. */
export const MAX_BEAT_BYTES = 4096
/** A wall that has not beaten for this many of its intervals is 失联. */
export const LOST_AFTER_INTERVALS = 3
/** How often a wall beats unless config.json says otherwise, and the bounds of what it may say. */
export const heartbeatSecondsLimits = [5, 3600] as const
export const DEFAULT_HEARTBEAT_SECONDS = 60
/** Figures older than this are 数据陈旧 on the fleet page, whatever the wall itself says. */
export const DEFAULT_STALE_MINUTES = 60
/** A wall 失联 or 数据陈旧 for longer than this raises an alert (the page's banner, the webhook). */
export const DEFAULT_ALERT_MINUTES = 10
/** A wall that has just started is given this long to fetch its first figures before it counts as stale. */
export const FIRST_FIGURES_GRACE_SECONDS = 120
/** At most this many walls that nobody registered are kept; past it, the one silent longest goes. */
export const MAX_PENDING_WALLS = 1000
/** Hours in the fleet page's strip: a week. */
export const STRIP_HOURS = 168

/** A wall's rotation dwell, seconds: the same bounds for config.json, the query and the service's settings. */
export const dwellSecondsLimits = [5, 3600] as const

/** A wall's text fields are cut to this many characters by whoever reads them. */
export const BEAT_TEXT_MAX = 120

/** The one state of a wall, worst first: the fleet page sorts by this order. */
export const wallStates = ['pending', 'lost', 'error', 'stale', 'oldBuild', 'ok'] as const
export type WallState = typeof wallStates[number]

/** The states an alert is raised for, once they have lasted the alert time. */
export const alertingStates = ['lost', 'stale'] as const satisfies readonly WallState[]

const text = v.pipe(v.string(), v.transform(s => s.slice(0, BEAT_TEXT_MAX)))
const time = v.pipe(v.string(), v.maxLength(40), v.check(s => !Number.isNaN(Date.parse(s))))
const count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1e9))
/** A beat's optional field: left out, null or of the wrong kind, it reads as null; the beat still counts. */
const maybe = <S extends v.GenericSchema>(schema: S) => v.optional(v.fallback(v.nullable(schema), null), null)
const maybeText = maybe(text)
const maybeTime = maybe(time)

/** What the wall did with one command, reported in its next beat. */
export const commandResult = v.object({
  id: v.pipe(v.number(), v.integer(), v.minValue(1)),
  ok: v.boolean(),
  /** Why it failed, or the settings the wall had to change (a clamp), in the wall's language. */
  message: v.optional(v.nullable(text), null),
})
export type CommandResult = v.InferOutput<typeof commandResult>

/**
 * A heartbeat as the service reads it: version 1 of docs/deploy.md plus the wall's key, its
 * own errors, its screen's size and density, how long the page has run, how often it beats and
 * what it did with the commands it was given. Every field is optional past `v`: an older wall
 * still beats; a field of the wrong type reads as missing, never fails the beat. Fields this
 * build does not know are dropped.
 */
export const heartbeatSchema = v.object({
  v: v.literal(1),
  screenId: maybe(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(64))),
  key: maybe(v.pipe(v.string(), v.maxLength(200))),
  build: maybeText,
  sentAt: maybeTime,
  acceptedAt: maybeTime,
  generatedAt: maybeTime,
  state: v.optional(v.fallback(v.picklist(['live', 'stale', 'waiting']), 'waiting'), 'waiting'),
  reason: maybeText,
  screen: maybeText,
  hidden: v.optional(v.fallback(v.boolean(), false), false),
  failures: v.optional(v.fallback(count, 0), 0),
  /** Uncaught errors and failed renders since the page started; above 0 the wall is 报错. */
  errors: v.optional(v.fallback(count, 0), 0),
  /** The last of them, in a line. */
  lastError: maybeText,
  width: maybe(count),
  height: maybe(count),
  devicePixelRatio: maybe(v.pipe(v.number(), v.minValue(0.1), v.maxValue(16))),
  uptimeSeconds: maybe(count),
  /** How often this wall beats; the service clamps it to heartbeatSecondsLimits. */
  intervalSeconds: maybe(v.pipe(v.number(), v.finite())),
  done: v.optional(v.fallback(v.pipe(v.array(commandResult), v.maxLength(20)), []), []),
})
export type HeartbeatReading = v.InferOutput<typeof heartbeatSchema>

/**
 * The settings an admin may send one wall: its rotation, the screens it shows, its theme and
 * its name masking. The same names as config.json; the wall checks and clamps them exactly as
 * it does the file's (src/config.ts), so a value this schema let through and the wall cannot
 * use is named on the wall and falls back to its default.
 */
export const wallSettingsSchema = v.strictObject({
  rotate: v.optional(v.strictObject({
    enabled: v.optional(v.boolean()),
    views: v.optional(v.pipe(v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(40))), v.minLength(1), v.maxLength(40))),
    dwellSeconds: v.optional(v.pipe(v.number(), v.finite())),
  })),
  theme: v.optional(v.picklist(['dark', 'light'])),
  maskNames: v.optional(v.boolean()),
})
export type WallSettings = v.InferOutput<typeof wallSettingsSchema>

export const commandTypes = ['reload', 'settings'] as const
export type CommandType = typeof commandTypes[number]

/** A command as the service hands it to a wall in the answer to a beat. */
export const wallCommand = v.variant('type', [
  v.object({ id: v.pipe(v.number(), v.integer(), v.minValue(1)), type: v.literal('reload') }),
  // The settings are left unknown here: the wall reads them field by field, as it reads config.json.
  v.object({ id: v.pipe(v.number(), v.integer(), v.minValue(1)), type: v.literal('settings'), settings: v.unknown() }),
])
export type WallCommand = v.InferOutput<typeof wallCommand>

/** The service's answer to a beat: `200 { commands }`; `202` (pending) has none. */
export const beatAnswer = v.object({ commands: v.optional(v.fallback(v.array(v.unknown()), []), []) })

/** A command as the fleet page lists it: 待送达 → 已送达 → 已执行 / 失败. */
export const commandStatuses = ['waiting', 'delivered', 'done', 'failed'] as const
export type CommandStatus = typeof commandStatuses[number]

/** What the state rules need to know about one wall at one moment. */
export interface WallFacts {
  registered: boolean
  /** The last beat's arrival, ms; null when none ever came. */
  lastSeenMs: number | null
  /** The wall's beat interval, seconds, as it said (clamped here). */
  intervalSeconds: number | null
  errors: number
  /** The wall's figures' own time (the snapshot's generatedAt), ms; null when it had none. */
  generatedMs: number | null
  /** How long the page had run at its last beat. */
  uptimeSeconds: number | null
  /** The build the wall runs, and the one served; either null means "not known", never old. */
  build: string | null
  servedBuild: string | null
}

export interface StateRules {
  nowMs: number
  staleMinutes: number
}

export function beatInterval(seconds: number | null): number {
  const [min, max] = heartbeatSecondsLimits
  return seconds === null || !Number.isFinite(seconds) ? DEFAULT_HEARTBEAT_SECONDS : Math.min(max, Math.max(min, seconds))
}

/** When the wall counts as lost: three of its intervals after its last beat; null when it never beat. */
export function lostAtMs(f: WallFacts): number | null {
  return f.lastSeenMs === null ? null : f.lastSeenMs + LOST_AFTER_INTERVALS * beatInterval(f.intervalSeconds) * 1000
}

/**
 * When the wall's figures count as stale: the limit past their own time; or, for a wall that
 * has none, once it has run the grace time without any. Null: not while it beats as it does.
 */
export function staleAtMs(f: WallFacts, rules: Pick<StateRules, 'staleMinutes'>): number | null {
  if (f.generatedMs !== null)
    return f.generatedMs + rules.staleMinutes * 60_000
  if (f.lastSeenMs === null)
    return null
  const up = f.uptimeSeconds ?? FIRST_FIGURES_GRACE_SECONDS
  return f.lastSeenMs + Math.max(0, FIRST_FIGURES_GRACE_SECONDS - up) * 1000
}

/** The first state of wallStates that applies (service-contract.md, "Walls"). */
export function wallState(f: WallFacts, rules: StateRules): WallState {
  if (!f.registered)
    return 'pending'
  const lost = lostAtMs(f)
  if (lost === null || rules.nowMs >= lost)
    return 'lost'
  if (f.errors > 0)
    return 'error'
  const stale = staleAtMs(f, rules)
  if (stale !== null && rules.nowMs >= stale)
    return 'stale'
  if (f.build !== null && f.servedBuild !== null && f.build !== f.servedBuild)
    return 'oldBuild'
  return 'ok'
}

/**
 * Since when the wall has been in `state`, where the facts tell: a lost wall since three
 * intervals after its last beat, a stale one since its figures passed the limit. Null for the
 * others: their onset is the beat that said so, which the service keeps.
 */
export function stateOnsetMs(state: WallState, f: WallFacts, rules: StateRules): number | null {
  if (state === 'lost')
    return lostAtMs(f)
  if (state === 'stale')
    return staleAtMs(f, rules)
  return null
}

/** Whether a wall in `state` since `onsetMs` raises an alert now. */
export function alerting(state: WallState, onsetMs: number | null, nowMs: number, alertMinutes: number): boolean {
  return (alertingStates as readonly WallState[]).includes(state) && onsetMs !== null && nowMs - onsetMs >= alertMinutes * 60_000
}

/** Worst first, then the longest silent first, then by name: the order of the fleet page. */
export function compareWalls(a: { state: WallState, lastSeenAt: string | null, name: string }, b: typeof a): number {
  const byState = wallStates.indexOf(a.state) - wallStates.indexOf(b.state)
  if (byState !== 0)
    return byState
  const seen = (x: typeof a) => x.lastSeenAt === null ? 0 : Date.parse(x.lastSeenAt)
  return seen(a) - seen(b) || a.name.localeCompare(b.name, 'zh-CN')
}

/**
 * One hour of a wall's week, as the strip draws it: `n` no beat (down or off), `u` up all the
 * hour with current figures, `p` up part of the hour, `s` stale for half the hour or more.
 */
export const hourMarks = ['n', 'p', 'u', 's'] as const
export type HourMark = typeof hourMarks[number]

/** An hour's mark from its beats: how many came, how many of them had stale figures, and how many were expected. */
export function hourMark(beats: number, staleBeats: number, expected: number): HourMark {
  if (beats <= 0)
    return 'n'
  if (staleBeats * 2 >= beats)
    return 's'
  return beats >= expected * 0.9 ? 'u' : 'p'
}

/** A wall in the fleet list (`GET /api/walls`), as the page reads it. */
export const wallEntry = v.object({
  screenId: v.string(),
  name: v.string(),
  place: v.string(),
  state: v.picklist(wallStates),
  /** When the state began, where that is known; the banner counts from it. */
  since: v.optional(v.nullable(time), null),
  /** Lost or stale for longer than the alert time. */
  alerting: v.optional(v.boolean(), false),
  lastSeenAt: v.nullable(time),
  build: v.nullable(v.string()),
  screen: v.nullable(v.string()),
  generatedAt: v.nullable(time),
  feedState: v.nullable(v.string()),
  reason: v.nullable(v.string()),
  /** "1920×1080@2", or null before the wall said. */
  size: v.nullable(v.string()),
  errors: v.optional(count, 0),
  lastError: v.optional(v.nullable(v.string()), null),
  intervalSeconds: v.optional(v.nullable(v.number()), null),
  uptimeSeconds: v.optional(v.nullable(count), null),
  address: v.optional(v.nullable(v.string()), null),
  /** The week, oldest hour first: one hourMark a character, STRIP_HOURS long. */
  week: v.optional(v.nullable(v.object({
    hours: v.string(),
    /** The share of the week's expected beats that came, 0–1. */
    uptime: v.number(),
    staleHours: count,
  })), null),
  /** The settings stored for this wall, delivered with its next beat. */
  settings: v.optional(v.nullable(v.record(v.string(), v.unknown())), null),
})
export type WallEntry = v.InferOutput<typeof wallEntry>

/** A command as the fleet page lists it (`GET /api/walls/<screenId>`), newest first. */
export const commandEntry = v.object({
  id: v.number(),
  type: v.picklist(commandTypes),
  settings: v.optional(v.nullable(v.record(v.string(), v.unknown())), null),
  who: v.string(),
  createdAt: time,
  status: v.picklist(commandStatuses),
  deliveredAt: v.nullable(time),
  doneAt: v.nullable(time),
  message: v.nullable(v.string()),
})
export type CommandEntry = v.InferOutput<typeof commandEntry>

/** One wall with its recent commands (the last 50). */
export const wallDetail = v.object({ wall: wallEntry, commands: v.array(commandEntry) })
export type WallDetail = v.InferOutput<typeof wallDetail>

/**
 * The fleet's own settings (`GET /api/wall-settings`, viewer and up; `PUT`, admin): when
 * figures count as stale, when a lasting problem raises an alert, and the robot to tell. The
 * webhook's address is shown to admins only (it holds the robot's secret); others see whether
 * one is set. `servedBuild` is the build the service serves: any other is 旧版本.
 */
export const alertMinutesLimits = [1, 1440] as const
export const staleMinutesLimits = [5, 10_080] as const
export const fleetSettings = v.object({
  staleMinutes: v.pipe(v.number(), v.integer(), v.minValue(staleMinutesLimits[0]), v.maxValue(staleMinutesLimits[1])),
  alertMinutes: v.pipe(v.number(), v.integer(), v.minValue(alertMinutesLimits[0]), v.maxValue(alertMinutesLimits[1])),
  webhookSet: v.boolean(),
  webhookUrl: v.optional(v.nullable(v.string()), null),
  servedBuild: v.optional(v.nullable(v.string()), null),
  /** The last failure to call the webhook, for the admin to see, or null. */
  webhookProblem: v.optional(v.nullable(v.string()), null),
})
export type FleetSettings = v.InferOutput<typeof fleetSettings>

/**
 * A webhook is an http(s) address of at most 1,000 characters, with no credentials in it: the
 * robots (DingTalk, WeCom) are https; http is left for a relay inside the FIC's own network.
 * Only an admin sets it, and the service never follows its redirects.
 */
export function webhookProblem(url: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  }
  catch {
    return '不是有效的网址'
  }
  if (url.length > 1000)
    return '网址过长（最多 1000 个字符）'
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    return '网址应以 https:// 开头'
  if (parsed.username || parsed.password)
    return '网址中不应含用户名或密码'
  return null
}
