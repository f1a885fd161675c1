import type { TargetRule } from './figures/oversight/targets.ts'
import type { WallViewName } from './wall/registry.ts'
/**
 * Runtime configuration: `config.json` beside index.html, so operators configure a wall without
 * rebuilding; URL query parameters override it for one screen. Each field is checked on its
 * own: a bad value is named on screen and only that field falls back to its default.
 */
import * as v from 'valibot'
import { targetRules, targetsConfigSchema } from './figures/oversight/targets.ts'
import { TIME_OF_DAY } from './time.ts'
import { browserStorage, readWallSettings } from './upkeep/wall-commands.ts'
import { wallViews } from './wall/registry.ts'
import { DEFAULT_HEARTBEAT_SECONDS, dwellSecondsLimits, heartbeatSecondsLimits } from './walls.ts'

const finite = v.pipe(v.number(), v.finite())

/**
 * Both ends of every number an operator sets, file and query alike: past one, the value is
 * clamped and the clamp is named on screen. A floor of 5 s: a wall that hammers the data
 * platform helps nobody; a cap of an hour: setTimeout overflows past 2^31 − 1 ms.
 */
export const limits = {
  'pollIntervalSeconds': [5, 3600],
  'timeoutSeconds': [1, 120],
  'maxFeedAgeMinutes': [1, 10_080],
  'rotate.dwellSeconds': dwellSecondsLimits,
  'heartbeatSeconds': heartbeatSecondsLimits,
} as const
export type LimitedSetting = keyof typeof limits

/** Where a setting came from, when not config.json or the query: the data service's settings (wall-commands.ts). */
interface From { from?: 'service' }

/** What was wrong with the settings, in the reader's words at display (the locale is a setting too). */
export type ConfigProblem
  = | { kind: 'notObject' }
    | { kind: 'notJson' }
    | { kind: 'unreadable' }
    | { kind: 'http', status: number }
    | { kind: 'unknown', key: string } & From
    /** `path` names the field inside (targets.coverage); `rule` the rule it breaks, where one is known. */
    | { kind: 'invalid', key: string, path: string, given: string, rule: TargetRule | null } & From
    | { kind: 'clamped', key: LimitedSetting, given: number, used: number } & From
    /** The settings the data service sent are not an object (or no longer JSON): none of them is used. */
    | { kind: 'serviceNotObject' }
    | { kind: 'feedRefused', url: string }
    | { kind: 'heartbeatRefused', url: string }
    | { kind: 'geoRefused', url: string }

/** The rotation's parts, each checked on its own: the data service may set one and leave the others. */
const rotateParts = {
  enabled: v.boolean(),
  views: v.pipe(v.array(v.picklist(wallViews as [WallViewName, ...WallViewName[]])), v.minLength(1)),
  dwellSeconds: finite,
}

const fields = {
  feedUrl: v.optional(v.pipe(v.string(), v.minLength(1)), 'feed/cockpit.json'),
  /** Origins besides the app's own that `feedUrl` and `?feed=` may name, e.g. "https://data.example.gov.cn". */
  allowedFeedOrigins: v.optional(v.array(v.pipe(v.string(), v.url())), []),
  pollIntervalSeconds: v.optional(finite, 15),
  timeoutSeconds: v.optional(finite, 10),
  /** A snapshot generated longer ago than this (by its generatedAt) is shown as stale, never live. */
  maxFeedAgeMinutes: v.optional(finite, 15),
  maskNames: v.optional(v.boolean(), true),
  /** The wall's title; left out, the locale's name of the cockpit. */
  title: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(40))),
  /** Wall PC mode: no navigation on click, no hover-only information, cursor hidden when idle. */
  kiosk: v.optional(v.boolean(), false),
  rotate: v.optional(v.object({
    enabled: v.optional(rotateParts.enabled, false),
    views: v.optional(rotateParts.views, [...wallViews]),
    dwellSeconds: v.optional(rotateParts.dwellSeconds, 30),
  }), {}),
  theme: v.optional(v.picklist(['dark', 'light']), 'dark'),
  /** `colorblind` swaps hues that collide under deuteranopia; `decals` adds patterns to bars. */
  palette: v.optional(v.picklist(['standard', 'colorblind']), 'standard'),
  decals: v.optional(v.boolean(), false),
  locale: v.optional(v.picklist(['zh-CN', 'en']), 'zh-CN'),
  // Oversight targets and warning thresholds in percent; each left out keeps its default.
  targets: v.optional(targetsConfigSchema),
  /** A daily soft reload at this Shanghai time ("04:30"), for walls that run for months; left out, none. */
  reloadAt: v.optional(v.pipe(v.string(), v.regex(TIME_OF_DAY))),
  /** Where the wall POSTs its status every minute; same origin rule as `feedUrl`. Left out, no heartbeat. */
  heartbeatUrl: v.optional(v.pipe(v.string(), v.minLength(1))),
  /** The wall's name in its heartbeat, e.g. "hall-2f"; `?screen=` names one wall of many sharing a file. */
  screenId: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(64))),
  /** The wall's key at the data service, given when an admin registers it; `?heartbeatKey=` for walls sharing a file. */
  heartbeatKey: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(200))),
  /** Seconds between heartbeats. */
  heartbeatSeconds: v.optional(finite, DEFAULT_HEARTBEAT_SECONDS),
  /**
   * The operator's GeoJSON of the 13 区县市; same origin rule as `feedUrl`. Left out, or a file
   * that fails its checks (src/figures/geojson.ts), the district screens draw the tile map.
   */
  districtGeoJsonUrl: v.optional(v.pipe(v.string(), v.minLength(1))),
  /** The feature property holding each district's name, full (西湖区) or short (西湖). */
  districtNameProperty: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(64)), 'name'),
}
type Fields = typeof fields
export type CockpitConfig = { [K in keyof Fields]: v.InferOutput<Fields[K]> }
export type RotateConfig = CockpitConfig['rotate']

const defaults = Object.fromEntries(
  Object.entries(fields).map(([k, schema]) => [k, v.parse(schema as v.GenericSchema, undefined)]),
) as CockpitConfig
export const defaultConfig: CockpitConfig = defaults

export interface LoadedConfig {
  config: CockpitConfig
  /** What was wrong with config.json or the query; the cockpit runs on defaults for each. */
  problems: ConfigProblem[]
}

/** A value as a reader can recognise it, short whatever it was. */
function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value)
  return text.length > 40 ? `${text.slice(0, 39)}…` : text
}

/** Settings whose value is never put on screen, even a wrong one: it may be most of the right one. */
const secret = new Set(['heartbeatKey'])

function invalid(key: string, value: unknown, issue: v.BaseIssue<unknown> | undefined, from?: 'service'): ConfigProblem {
  const path = [key, ...(issue?.path ?? []).map(p => String(p.key))].join('.')
  const rule = (targetRules as readonly string[]).includes(issue?.message ?? '') ? issue!.message as TargetRule : null
  const given = secret.has(key) ? '***' : shown(issue?.path?.length ? issue.input : value)
  return { kind: 'invalid', key, path, given, rule, ...(from && { from }) }
}

function clamp(key: LimitedSetting, value: number, problems: ConfigProblem[], from?: 'service'): number {
  const [min, max] = limits[key]
  const used = Math.min(max, Math.max(min, value))
  if (used !== value)
    problems.push({ kind: 'clamped', key, given: value, used, ...(from && { from }) })
  return used
}

/** What a query asks of one screen besides settings: where to start, and an export for scripts. */
interface ScreenAsks { view?: string, export?: 'png' | 'pack', asOf?: string }

/**
 * `?asOf=2026-10`: the figures as they stood at that month's end, from a data service that
 * keeps every month (its feed takes the same parameter); a meeting pack about a past month.
 */
const AS_OF = /^\d{4}-(?:0[1-9]|1[0-2])$/
export function feedAsOf(feedUrl: string, month: string): string {
  const [path, hash = ''] = feedUrl.split('#')
  return `${path}${path!.includes('?') ? '&' : '?'}asOf=${month}${hash ? `#${hash}` : ''}`
}

/** Query parameters a single screen may override: `?kiosk=1&rotate=20&view=overview&feed=…`. */
export function queryOverrides(search: string, base: CockpitConfig, problems: ConfigProblem[] = []): Partial<CockpitConfig> & ScreenAsks {
  const q = new URLSearchParams(search)
  const out: Partial<CockpitConfig> & ScreenAsks = {}
  const num = (key: string) => (q.has(key) && Number.isFinite(Number(q.get(key))) ? Number(q.get(key)) : null)
  const flag = (key: string) => (q.has(key) ? !['0', 'false', 'no'].includes(q.get(key) ?? '') : null)
  const feed = q.get('feed')
  if (feed)
    out.feedUrl = feed
  const interval = num('interval')
  if (interval !== null)
    out.pollIntervalSeconds = clamp('pollIntervalSeconds', interval, problems)
  const mask = flag('mask')
  if (mask !== null)
    out.maskNames = mask
  const kiosk = flag('kiosk')
  if (kiosk !== null)
    out.kiosk = kiosk
  const rotate = num('rotate')
  if (rotate !== null)
    out.rotate = { ...base.rotate, enabled: rotate > 0, dwellSeconds: rotate > 0 ? clamp('rotate.dwellSeconds', rotate, problems) : base.rotate.dwellSeconds }
  const theme = q.get('theme')
  if (theme === 'dark' || theme === 'light')
    out.theme = theme
  const locale = q.get('lang') ?? q.get('locale')
  if (locale === 'en' || locale === 'zh-CN')
    out.locale = locale
  if (flag('colorblind'))
    out.palette = 'colorblind'
  const decals = flag('decals')
  if (decals !== null)
    out.decals = decals
  const view = q.get('view')
  if (view)
    out.view = view
  const screen = q.get('screen')
  if (screen !== null) {
    const parsed = v.safeParse(fields.screenId, screen)
    if (parsed.success)
      out.screenId = parsed.output
    else problems.push(invalid('screen', screen, parsed.issues[0]))
  }
  const key = q.get('heartbeatKey')
  if (key !== null) {
    const parsed = v.safeParse(fields.heartbeatKey, key)
    if (parsed.success)
      out.heartbeatKey = parsed.output
    else problems.push(invalid('heartbeatKey', key, parsed.issues[0]))
  }
  const asOf = q.get('asOf')
  if (asOf !== null && AS_OF.test(asOf))
    out.asOf = asOf
  const exportAsked = q.get('export')
  if (exportAsked === 'png' || exportAsked === 'pack')
    out.export = exportAsked
  return out
}

export interface ResolvedConfig extends LoadedConfig {
  /** The wall screen a `?view=` asked for, e.g. `overview` or `group:g1`. */
  view: string | null
  /**
   * `?export=png`: the wall saves its screen as PNGs once the feed is live (for scripts);
   * `?export=pack`: it hands one 1920×1080 PNG to the staff page that framed it (#/pack).
   */
  export: 'png' | 'pack' | null
}

/**
 * The feed may come from the app's own origin or one the operator allowed in config.json: a
 * crafted `?feed=` link must not make an official wall show another host's figures as its own.
 */
export function feedAllowed(feedUrl: string, baseUrl: string, allowed: readonly string[]): boolean {
  let url: URL
  try {
    url = new URL(feedUrl, baseUrl)
  }
  catch {
    return false
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return false
  const origins = new Set([new URL(baseUrl).origin, ...allowed.map(o => new URL(o).origin)])
  return origins.has(url.origin)
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/** The settings of the data service over the wall's own, and what came of them. */
export interface ServiceLayer {
  config: CockpitConfig
  /** Values taken, a clamped one included: none, out of some, and the command failed. */
  applied: number
  /** Each named as coming from the data service. */
  problems: ConfigProblem[]
}

/**
 * The settings an admin sent this wall through the data service (walls.ts, wallSettingsSchema),
 * over `base`. Only the rotation, the theme and the name masking: any other key is named and
 * ignored, so the service can never move a wall's feed or heartbeat. Each value goes through
 * the same checks and clamps as config.json's; a bad one is named and ignored, and the wall
 * keeps what config.json and the query give it (their default when they say nothing).
 */
export function serviceLayer(base: CockpitConfig, raw: unknown): ServiceLayer {
  if (!isObject(raw))
    return { config: base, applied: 0, problems: [{ kind: 'serviceNotObject' }] }
  const problems: ConfigProblem[] = []
  const config: CockpitConfig = { ...base, rotate: { ...base.rotate } }
  let applied = 0
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'theme' || key === 'maskNames') {
      const parsed = v.safeParse(fields[key], value)
      if (parsed.success) {
        Object.assign(config, { [key]: parsed.output })
        applied++
      }
      else {
        problems.push(invalid(key, value, parsed.issues[0], 'service'))
      }
    }
    else if (key !== 'rotate') {
      problems.push({ kind: 'unknown', key, from: 'service' })
    }
    else if (!isObject(value)) {
      problems.push(invalid(key, value, undefined, 'service'))
    }
    else {
      for (const [part, partValue] of Object.entries(value)) {
        const path = `rotate.${part}`
        if (!Object.hasOwn(rotateParts, part)) {
          problems.push({ kind: 'unknown', key: path, from: 'service' })
          continue
        }
        const parsed = v.safeParse(rotateParts[part as keyof typeof rotateParts] as v.GenericSchema, partValue)
        if (!parsed.success) {
          problems.push(invalid(path, partValue, parsed.issues[0], 'service'))
          continue
        }
        config.rotate = { ...config.rotate, [part]: part === 'dwellSeconds' ? clamp('rotate.dwellSeconds', parsed.output as number, problems, 'service') : parsed.output }
        applied++
      }
    }
  }
  return { config, applied, problems }
}

/**
 * `service`: the settings the data service sent this wall (wall-commands.ts keeps them), applied
 * last, above the query as well as config.json: the query is the URL the wall was set up with
 * once, the service's settings an admin's later choice, made knowing that URL.
 */
export function parseConfig(raw: unknown, search = '', baseUrl = 'http://localhost/', service?: unknown): ResolvedConfig {
  const problems: ConfigProblem[] = []
  const config = { ...defaults } as Record<string, unknown>
  if (raw !== undefined && (typeof raw !== 'object' || raw === null || Array.isArray(raw))) {
    problems.push({ kind: 'notObject' })
  }
  else {
    for (const [key, value] of Object.entries(raw ?? {})) {
      // Own keys only: "constructor" or "__proto__" in a file must not reach Object.prototype.
      if (!Object.hasOwn(fields, key)) {
        problems.push({ kind: 'unknown', key })
        continue
      }
      const parsed = v.safeParse((fields as Record<string, v.GenericSchema>)[key]!, value)
      if (parsed.success)
        config[key] = parsed.output
      else problems.push(invalid(key, value, parsed.issues[0]))
    }
  }
  const c = config as CockpitConfig
  c.pollIntervalSeconds = clamp('pollIntervalSeconds', c.pollIntervalSeconds, problems)
  c.timeoutSeconds = clamp('timeoutSeconds', c.timeoutSeconds, problems)
  c.maxFeedAgeMinutes = clamp('maxFeedAgeMinutes', c.maxFeedAgeMinutes, problems)
  c.rotate = { ...c.rotate, dwellSeconds: clamp('rotate.dwellSeconds', c.rotate.dwellSeconds, problems) }
  c.heartbeatSeconds = clamp('heartbeatSeconds', c.heartbeatSeconds, problems)
  const { view = null, export: exportAsked = null, asOf, ...overrides } = queryOverrides(search, c, problems)
  let merged = { ...c, ...overrides }
  if (service !== undefined) {
    const layer = serviceLayer(merged, service)
    merged = layer.config
    problems.push(...layer.problems)
  }
  if (!feedAllowed(merged.feedUrl, baseUrl, merged.allowedFeedOrigins)) {
    problems.push({ kind: 'feedRefused', url: shown(merged.feedUrl) })
    merged.feedUrl = feedAllowed(c.feedUrl, baseUrl, c.allowedFeedOrigins) ? c.feedUrl : defaults.feedUrl
  }
  if (asOf)
    merged.feedUrl = feedAsOf(merged.feedUrl, asOf)
  // A heartbeat says which wall stands where and what it shows: it goes only where a feed may come from.
  if (merged.heartbeatUrl !== undefined && !feedAllowed(merged.heartbeatUrl, baseUrl, merged.allowedFeedOrigins)) {
    problems.push({ kind: 'heartbeatRefused', url: shown(merged.heartbeatUrl) })
    merged.heartbeatUrl = undefined
  }
  // Boundaries drawn as the city's own carry its authority too: they come only from where a feed may.
  if (merged.districtGeoJsonUrl !== undefined && !feedAllowed(merged.districtGeoJsonUrl, baseUrl, merged.allowedFeedOrigins)) {
    problems.push({ kind: 'geoRefused', url: shown(merged.districtGeoJsonUrl) })
    merged.districtGeoJsonUrl = undefined
  }
  return { config: merged, problems, view, export: exportAsked }
}

/** config.json and the query, then the data service's settings for the wall they name. */
function resolve(raw: unknown, search: string, baseUrl: string): ResolvedConfig {
  const own = parseConfig(raw, search, baseUrl)
  const service = readWallSettings(browserStorage(), own.config.screenId ?? null)
  return service === undefined ? own : parseConfig(raw, search, baseUrl, service)
}

export async function loadConfig(baseUrl: string, search: string): Promise<ResolvedConfig> {
  const fallback = (problem: ConfigProblem) => {
    const r = resolve(undefined, search, baseUrl)
    return { ...r, problems: [problem, ...r.problems] }
  }
  try {
    const res = await fetch(new URL('config.json', baseUrl), { cache: 'no-cache' })
    if (res.status === 404)
      return resolve(undefined, search, baseUrl)
    if (!res.ok)
      return fallback({ kind: 'http', status: res.status })
    const text = await res.text()
    let raw: unknown
    try {
      raw = JSON.parse(text)
    }
    catch {
      return fallback({ kind: 'notJson' })
    }
    return resolve(raw, search, baseUrl)
  }
  catch {
    return fallback({ kind: 'unreadable' })
  }
}
