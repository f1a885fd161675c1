/**
 * Keeps a wall going for months without a visit: it picks up a new build, reloads once a day
 * when config.json asks, keeps the screen awake while the wall is shown, and tells
 * `heartbeatUrl` every minute that it lives. A reload waits for a quiet moment
 * (src/upkeep/quiet.ts) and keeps the whole URL. Everything started here goes with the caller.
 */
import type { CockpitConfig } from '~/config.ts'
import type { WallTurns } from '~/upkeep/wall-turns.ts'
import { useDocumentVisibility, useIdle, useWakeLock } from '@vueuse/core'
import { onScopeDispose, shallowRef, watch } from 'vue'
import { createPoller } from '~/feed/poller.ts'
import { useCockpitStore } from '~/stores/cockpit.ts'
import { minuteOfDay, nextShanghaiMinute } from '~/time.ts'
import { buildCheck, isNewBuild, ownBuild, VERSION_FILE } from '~/upkeep/build-version.ts'
import { feedCondition, HEARTBEAT_MS, heartbeatBody, sendHeartbeat } from '~/upkeep/heartbeat.ts'
import { isQuietMoment, QUIET_AFTER_MS } from '~/upkeep/quiet.ts'

/** How often the wall asks whether another build was deployed. */
export const BUILD_CHECK_MS = 5 * 60_000
/** A missing version file (the dev server has none) is asked for less and less often, down to this. */
const BUILD_CHECK_MAX_MS = 3_600_000
/** The build this tab reloaded for: sessionStorage outlives the reload, and a stale index.html cannot loop. */
const RELOADED_FOR = 'cockpit.reloadedFor'
/** A daily reload waits this long when the server does not answer, and asks again. */
const UNREACHABLE_RETRY_MS = 60_000

export interface UpkeepOptions {
  config: CockpitConfig
  baseUrl: string
  /** The page when the wall is not shown (a staff page's path), for the heartbeat. */
  page: () => string
}

type Wanted = { cause: 'build', build: string } | { cause: 'daily' }

function reloadedFor(): string | null {
  try {
    return sessionStorage.getItem(RELOADED_FOR)
  }
  catch {
    return null
  }
}

function remember(build: string): void {
  try {
    sessionStorage.setItem(RELOADED_FOR, build)
  }
  catch {}
}

/** The server answers index.html: a reload now will not leave the wall on the browser's error page. */
function reachable(baseUrl: string): Promise<boolean> {
  return fetch(baseUrl, { method: 'HEAD', cache: 'no-store' }).then(r => r.ok, () => false)
}

export function useUpkeep({ config, baseUrl, page }: UpkeepOptions): WallTurns {
  const store = useCockpitStore()
  const visibility = useDocumentVisibility()
  const { idle, lastActive } = useIdle(QUIET_AFTER_MS)
  const html = document.documentElement
  const running = ownBuild(document)
  if (running)
    html.dataset.build = running
  const wanted = shallowRef<Wanted | null>(null)
  const wall = shallowRef<{ screen: string | null, rotating: boolean }>({ screen: null, rotating: false })
  let retry: ReturnType<typeof setTimeout> | undefined

  function moment(turn: boolean): boolean {
    const w = wanted.value
    const quiet = isQuietMoment({ sinceInputMs: Date.now() - lastActive.value, hidden: visibility.value === 'hidden', rotating: wall.value.rotating, turn })
    if (!w || !quiet)
      return false
    wanted.value = null
    if (w.cause === 'build')
      remember(w.build)
    location.reload()
    return true
  }
  // Without a rotation, the first quiet moment: the pointer has rested a minute, or nobody sees the page.
  watch([wanted, idle, visibility, wall], () => moment(false))

  // A new build. Without a build id of its own (the dev server) the first one seen is this page's.
  let baseline = running
  const builds = createPoller<string | null>({
    take: buildCheck(new URL(VERSION_FILE, baseUrl).href),
    intervalMs: BUILD_CHECK_MS,
    maxBackoffMs: BUILD_CHECK_MAX_MS,
    onResult: ({ value }) => {
      if (value === null)
        return
      baseline ??= value
      if (isNewBuild(value, baseline, reloadedFor()))
        wanted.value = { cause: 'build', build: value }
    },
  })
  builds.start()

  // The daily soft reload, once: the page it loads computes the next one from its own start.
  const minute = config.reloadAt === undefined ? null : minuteOfDay(config.reloadAt)
  if (minute !== null) {
    const at = nextShanghaiMinute(store.now, minute)
    const whenReachable = async () => {
      if (await reachable(baseUrl))
        wanted.value ??= { cause: 'daily' }
      else retry = setTimeout(whenReachable, UNREACHABLE_RETRY_MS)
    }
    const stop = watch(() => store.now >= at, (due) => {
      if (!due)
        return
      stop()
      void whenReachable()
    })
  }

  // The screen stays on while the wall is shown. VueUse defers a request while the page is hidden
  // and asks again when it is back (the system lets the lock go on hiding); a refusal (policy,
  // power saving) must stay quiet, so the request handed to it never rejects.
  if ('wakeLock' in navigator) {
    const wakeLock = { request: (type: WakeLockType) => navigator.wakeLock.request(type).catch(() => null) }
    const lock = useWakeLock({ navigator: { wakeLock } as unknown as Navigator })
    watch(() => wall.value.screen !== null, on => void (on ? lock.request('screen') : lock.release()))
  }

  // The heartbeat: at start (a wall that restarts says so), then every minute.
  let beats: ReturnType<typeof setInterval> | undefined
  if (config.heartbeatUrl !== undefined) {
    const url = new URL(config.heartbeatUrl, baseUrl).href
    let sent = 0
    let failures = 0
    const beat = async () => {
      const ok = await sendHeartbeat(url, heartbeatBody({
        screenId: config.screenId ?? null,
        build: running ?? baseline,
        nowMs: store.now,
        acceptedAt: store.lastSuccessAt,
        generatedAt: store.generatedAt,
        condition: feedCondition(store),
        screen: wall.value.screen ?? page(),
        hidden: visibility.value === 'hidden',
        failures,
      }))
      sent++
      if (!ok)
        failures++
      // Never on screen: a wall is no place for its operator's plumbing. Counted for them to read.
      html.dataset.heartbeats = String(sent)
      html.dataset.heartbeatFailures = String(failures)
    }
    void beat()
    beats = setInterval(beat, HEARTBEAT_MS)
  }

  onScopeDispose(() => {
    builds.stop()
    clearTimeout(retry)
    clearInterval(beats)
  })

  return {
    shown: (screen, rotating) => {
      wall.value = { screen, rotating }
    },
    turn: () => moment(true),
  }
}
