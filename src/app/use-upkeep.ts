/**
 * Keeps a wall going for months without a visit: it picks up a new build, reloads once a day
 * when config.json asks, keeps the screen awake while the wall is shown, tells `heartbeatUrl`
 * every `heartbeatSeconds` that it lives, and does what the data service answers (reload, new
 * settings). A reload of its own waits for a quiet moment (src/upkeep/quiet.ts); one an admin
 * asked for does not. Either keeps the whole URL. Everything started here goes with the caller.
 */
import type { CockpitConfig } from '~/config.ts'
import type { WallTurns } from '~/upkeep/wall-turns.ts'
import { useDocumentVisibility, useIdle, useWakeLock } from '@vueuse/core'
import { onErrorCaptured, onScopeDispose, shallowRef, watch } from 'vue'
import { serviceSettingsNotes } from '~/components/config-words.ts'
import { defaultConfig, serviceLayer } from '~/config.ts'
import { createPoller } from '~/feed/poller.ts'
import { useCockpitStore } from '~/stores/cockpit.ts'
import { minuteOfDay, nextShanghaiMinute } from '~/time.ts'
import { buildCheck, isNewBuild, ownBuild, VERSION_FILE } from '~/upkeep/build-version.ts'
import { feedCondition, heartbeatBody, nextBeatDelayMs, sendHeartbeat } from '~/upkeep/heartbeat.ts'
import { createPageErrors } from '~/upkeep/page-errors.ts'
import { isQuietMoment, QUIET_AFTER_MS } from '~/upkeep/quiet.ts'
import { browserStorage, createWallCommands, readWallSettings, settingsResult } from '~/upkeep/wall-commands.ts'

/** How often the wall asks whether another build was deployed. */
export const BUILD_CHECK_MS = 5 * 60_000
/** A missing version file (the dev server has none) is asked for less and less often, down to this. */
const BUILD_CHECK_MAX_MS = 3_600_000
/** The build this tab reloaded for: sessionStorage outlives the reload, and a stale index.html cannot loop. */
const RELOADED_FOR = 'cockpit.reloadedFor'
/** The first heartbeat waits at most this long for the feed's first answer. */
const FIRST_BEAT_WAIT_MS = 5_000
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

  // The heartbeat: at start (a wall that restarts says so), then every heartbeatSeconds; after a
  // failed one, less often (nextBeatDelayMs). One beat at a time: the next is timed from the last.
  let beats: ReturnType<typeof setTimeout> | undefined
  let stopBeats = () => {}
  if (config.heartbeatUrl !== undefined) {
    const url = new URL(config.heartbeatUrl, baseUrl).href
    const screenId = config.screenId ?? null
    const errors = createPageErrors()
    // What Vue catches in a component (a chart that failed to draw) never reaches the window.
    onErrorCaptured((error) => {
      errors.note(error)
    })
    // The feed worker that died is restarted, and the poll fails with this reason: a crash all the same.
    watch(() => store.error, (error) => {
      if (error?.reason.code === 'workerCrashed')
        errors.note(new Error('feed worker crashed'))
    })
    const storage = browserStorage()
    const commands = createWallCommands({ screenId, storage })
    // Settings sent before the reload that applied them: their result is what this start made of them.
    commands.settle((id) => {
      const stored = readWallSettings(storage, screenId)
      if (stored === undefined)
        return settingsResult(id, 0, [])
      const layer = serviceLayer(defaultConfig, stored)
      return settingsResult(id, layer.applied, serviceSettingsNotes(layer.problems))
    })
    let stopped = false
    let sent = 0
    let failures = 0
    let inRow = 0
    const beat = async () => {
      // A staff page on a laptop that shares the walls' config.json is no wall: without a
      // screenId of its own it stays silent rather than crowd the fleet page as 待确认.
      if (screenId === null && wall.value.screen === null && page() !== '/') {
        beats = setTimeout(beat, nextBeatDelayMs(config.heartbeatSeconds, 0, null))
        return
      }
      const body = heartbeatBody({
        screenId,
        key: config.heartbeatKey ?? null,
        build: running ?? baseline,
        nowMs: store.now,
        acceptedAt: store.lastSuccessAt,
        generatedAt: store.generatedAt,
        condition: feedCondition(store),
        screen: wall.value.screen ?? page(),
        hidden: visibility.value === 'hidden',
        failures,
        errors: errors.count(),
        lastError: errors.last(),
        width: window.innerWidth,
        height: window.innerHeight,
        devicePixelRatio: window.devicePixelRatio,
        uptimeSeconds: performance.now() / 1000,
        intervalSeconds: config.heartbeatSeconds,
        done: commands.outbox(),
      })
      const outcome = await sendHeartbeat(url, body)
      if (stopped)
        return
      sent++
      inRow = outcome.ok ? 0 : inRow + 1
      if (!outcome.ok)
        failures++
      // Never on screen: a wall is no place for its operator's plumbing. Counted for them to read.
      html.dataset.heartbeats = String(sent)
      html.dataset.heartbeatFailures = String(failures)
      html.dataset.heartbeatStatus = String(outcome.status)
      beats = setTimeout(beat, nextBeatDelayMs(config.heartbeatSeconds, inRow, outcome.retryAfterSeconds))
      if (!outcome.ok)
        return
      commands.delivered(body.done.map(r => r.id))
      // An admin asked: at once, not at a quiet moment. The results are stored before the page goes.
      if (commands.take(outcome.commands).reload)
        location.reload()
    }
    // The first beat waits for the first answer to the feed's poll (at most FIRST_BEAT_WAIT_MS):
    // it then tells the fleet page what the wall shows rather than 'waiting', and one that
    // follows a reload the service asked for is not refused as too soon after the last.
    let begun = false
    const begin = () => {
      if (begun || stopped)
        return
      begun = true
      clearTimeout(beats)
      void beat()
    }
    beats = setTimeout(begin, FIRST_BEAT_WAIT_MS)
    watch(() => store.lastSuccessAt !== null || store.error !== null, settled => settled && begin(), { immediate: true })
    stopBeats = () => {
      stopped = true
      clearTimeout(beats)
      errors.dispose()
    }
  }

  onScopeDispose(() => {
    builds.stop()
    clearTimeout(retry)
    stopBeats()
  })

  return {
    shown: (screen, rotating) => {
      wall.value = { screen, rotating }
    },
    turn: () => moment(true),
  }
}
