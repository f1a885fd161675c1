/**
 * Runtime configuration: `config.json` beside index.html, so operators point the cockpit at a
 * real feed without rebuilding; URL query parameters override it for one screen.
 */
import * as v from 'valibot'
import { targetsConfigSchema } from './figures/oversight/targets.ts'

const configSchema = v.object({
  feedUrl: v.optional(v.pipe(v.string(), v.minLength(1)), 'feed/cockpit.json'),
  // A floor of 5 s: a wall that hammers the data platform helps nobody.
  pollIntervalSeconds: v.optional(v.pipe(v.number(), v.minValue(5)), 15),
  timeoutSeconds: v.optional(v.pipe(v.number(), v.minValue(1), v.maxValue(120)), 10),
  maskNames: v.optional(v.boolean(), true),
  // Oversight targets and warning thresholds in percent; each left out keeps its default.
  targets: v.optional(targetsConfigSchema),
})

export type CockpitConfig = v.InferOutput<typeof configSchema>
export const defaultConfig: CockpitConfig = v.parse(configSchema, {})

export interface LoadedConfig {
  config: CockpitConfig
  /** What was wrong with config.json, shown on screen; the cockpit then runs on defaults. */
  problem: string | null
}

/** Query parameters a single screen may override: `?feed=…&interval=30&mask=0`. */
export function queryOverrides(search: string): Partial<CockpitConfig> {
  const q = new URLSearchParams(search)
  const out: Partial<CockpitConfig> = {}
  const feed = q.get('feed')
  if (feed)
    out.feedUrl = feed
  const interval = Number(q.get('interval'))
  if (q.has('interval') && Number.isFinite(interval))
    out.pollIntervalSeconds = Math.max(5, interval)
  if (q.has('mask'))
    out.maskNames = q.get('mask') !== '0'
  return out
}

export function parseConfig(raw: unknown, search = ''): LoadedConfig {
  const parsed = v.safeParse(configSchema, raw ?? {})
  const problem = parsed.success
    ? null
    : `config.json ignored: ${parsed.issues.map(i => `${i.path?.map(p => String(p.key)).join('.') ?? ''} ${i.message}`).join('; ')}`
  const base = parsed.success ? parsed.output : defaultConfig
  return { config: { ...base, ...queryOverrides(search) }, problem }
}

export async function loadConfig(baseUrl: string, search: string): Promise<LoadedConfig> {
  try {
    const res = await fetch(new URL('config.json', baseUrl), { cache: 'no-cache' })
    if (res.status === 404)
      return parseConfig({}, search)
    if (!res.ok)
      return { ...parseConfig({}, search), problem: `config.json answered HTTP ${res.status}; running on defaults` }
    return parseConfig(await res.json(), search)
  }
  catch (e) {
    return { ...parseConfig({}, search), problem: `config.json could not be read (${e instanceof Error ? e.message : String(e)}); running on defaults` }
  }
}
