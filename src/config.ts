import type { WallViewName } from './wall-screens.ts'
/**
 * Runtime configuration: `config.json` beside index.html, so operators configure a wall without
 * rebuilding; URL query parameters override it for one screen. Each field is checked on its
 * own: a bad value is named on screen and only that field falls back to its default.
 */
import * as v from 'valibot'
import { targetsConfigSchema } from './figures/oversight/targets.ts'

import { wallViews } from './wall-screens.ts'

const fields = {
  feedUrl: v.optional(v.pipe(v.string(), v.minLength(1)), 'feed/cockpit.json'),
  // A floor of 5 s: a wall that hammers the data platform helps nobody.
  pollIntervalSeconds: v.optional(v.pipe(v.number(), v.minValue(5)), 15),
  timeoutSeconds: v.optional(v.pipe(v.number(), v.minValue(1), v.maxValue(120)), 10),
  /** A snapshot generated longer ago than this (by its generatedAt) is shown as stale, never live. */
  maxFeedAgeMinutes: v.optional(v.pipe(v.number(), v.minValue(1), v.maxValue(10_080)), 15),
  maskNames: v.optional(v.boolean(), true),
  /** The wall's title; left out, the locale's name of the cockpit. */
  title: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(40))),
  /** Wall PC mode: no navigation on click, no hover-only information, cursor hidden when idle. */
  kiosk: v.optional(v.boolean(), false),
  rotate: v.optional(v.object({
    enabled: v.optional(v.boolean(), false),
    views: v.optional(v.pipe(v.array(v.picklist(wallViews as [WallViewName, ...WallViewName[]])), v.minLength(1)), [...wallViews]),
    dwellSeconds: v.optional(v.pipe(v.number(), v.minValue(5), v.maxValue(3600)), 30),
  }), {}),
  theme: v.optional(v.picklist(['dark', 'light']), 'dark'),
  /** `colorblind` swaps hues that collide under deuteranopia; `decals` adds patterns to bars. */
  palette: v.optional(v.picklist(['standard', 'colorblind']), 'standard'),
  decals: v.optional(v.boolean(), false),
  locale: v.optional(v.picklist(['zh-CN', 'en']), 'zh-CN'),
  // Oversight targets and warning thresholds in percent; each left out keeps its default.
  targets: v.optional(targetsConfigSchema),
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
  /** What was wrong with config.json, shown on screen; the cockpit then runs on defaults for it. */
  problem: string | null
}

/** Query parameters a single screen may override: `?kiosk=1&rotate=20&view=overview&feed=…`. */
export function queryOverrides(search: string, base: CockpitConfig): Partial<CockpitConfig> & { view?: string } {
  const q = new URLSearchParams(search)
  const out: Partial<CockpitConfig> & { view?: string } = {}
  const num = (key: string) => (q.has(key) && Number.isFinite(Number(q.get(key))) ? Number(q.get(key)) : null)
  const flag = (key: string) => (q.has(key) ? !['0', 'false', 'no'].includes(q.get(key) ?? '') : null)
  const feed = q.get('feed')
  if (feed)
    out.feedUrl = feed
  const interval = num('interval')
  if (interval !== null)
    out.pollIntervalSeconds = Math.max(5, interval)
  const mask = flag('mask')
  if (mask !== null)
    out.maskNames = mask
  const kiosk = flag('kiosk')
  if (kiosk !== null)
    out.kiosk = kiosk
  const rotate = num('rotate')
  if (rotate !== null)
    out.rotate = { ...base.rotate, enabled: rotate > 0, dwellSeconds: rotate > 0 ? Math.max(5, rotate) : base.rotate.dwellSeconds }
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
  return out
}

function describe(key: string, issue: v.BaseIssue<unknown>): string {
  const path = [key, ...(issue.path ?? []).map(p => String(p.key))].join('.')
  return `${path}: ${issue.message}`
}

export interface ResolvedConfig extends LoadedConfig {
  /** The wall screen a `?view=` asked for, e.g. `overview` or `group:g1`. */
  view: string | null
}

export function parseConfig(raw: unknown, search = ''): ResolvedConfig {
  const problems: string[] = []
  const config = { ...defaults } as Record<string, unknown>
  if (raw !== undefined && (typeof raw !== 'object' || raw === null || Array.isArray(raw))) {
    problems.push('config.json is not a JSON object')
  }
  else {
    for (const [key, value] of Object.entries(raw ?? {})) {
      const schema = (fields as Record<string, v.GenericSchema>)[key]
      if (!schema) {
        problems.push(`unknown setting "${key}" ignored`)
        continue
      }
      const parsed = v.safeParse(schema, value)
      if (parsed.success)
        config[key] = parsed.output
      else problems.push(`${key} ignored (${parsed.issues.map(i => describe(key, i)).join('; ')})`)
    }
  }
  const { view = null, ...overrides } = queryOverrides(search, config as CockpitConfig)
  return {
    config: { ...config, ...overrides } as CockpitConfig,
    problem: problems.length ? `config.json: ${problems.join('; ')} — defaults used` : null,
    view,
  }
}

export async function loadConfig(baseUrl: string, search: string): Promise<ResolvedConfig> {
  try {
    const res = await fetch(new URL('config.json', baseUrl), { cache: 'no-cache' })
    if (res.status === 404)
      return parseConfig(undefined, search)
    if (!res.ok)
      return { ...parseConfig(undefined, search), problem: `config.json answered HTTP ${res.status}; running on defaults` }
    const text = await res.text()
    let raw: unknown
    try {
      raw = JSON.parse(text)
    }
    catch (e) {
      return { ...parseConfig(undefined, search), problem: `config.json is not valid JSON (${e instanceof Error ? e.message : String(e)}); running on defaults` }
    }
    return parseConfig(raw, search)
  }
  catch (e) {
    return { ...parseConfig(undefined, search), problem: `config.json could not be read (${e instanceof Error ? e.message : String(e)}); running on defaults` }
  }
}
