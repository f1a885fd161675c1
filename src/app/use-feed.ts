/**
 * Runs the feed for the lifetime of the calling component: one poller, one supervised feed
 * worker, one clock, all released when the component goes (a wall runs for weeks; nothing may
 * pile up). The worker fetches, validates and derives; this thread only receives view models.
 */
import type { CockpitConfig } from '~/config.ts'
import type { Poller } from '~/feed/poller.ts'
import type { SnapshotUpdate, TakeRequest } from '~/snapshot/keeper.ts'
import type { SnapshotPipe } from '~/snapshot/pipe.ts'
import { useEventListener } from '@vueuse/core'
import { onScopeDispose, toRaw } from 'vue'
import { createPoller, restingIntervalMs } from '~/feed/poller.ts'
import { createSnapshotPipe } from '~/snapshot/pipe.ts'
import { useCockpitStore } from '~/stores/cockpit.ts'
import { useOversightStore } from '~/stores/oversight.ts'

/** Bodies over this are refused (and cut during download) rather than parsed. */
export const MAX_FEED_BYTES = 50 * 1024 * 1024
/** Beyond the feed's own timeout, the time a take may spend validating and deriving. */
const DERIVE_ALLOWANCE_MS = 10_000

export interface FeedLoopOptions {
  pipe: SnapshotPipe
  /** Absolute: the worker has no page to resolve a relative URL against. */
  url: string
  timeoutMs: number
  store: ReturnType<typeof useCockpitStore>
  oversight: ReturnType<typeof useOversightStore>
  /** For the poller's jitter; tests fix it. */
  random?: () => number
  /** After the store has taken each result in. */
  onResult?: () => void
}

/** One take as the worker is asked for it: where, how long, and the main thread's clock and targets. */
export function takeRequest(url: string, timeoutMs: number, store: FeedLoopOptions['store'], oversight: FeedLoopOptions['oversight']): TakeRequest {
  return {
    url,
    timeoutMs,
    maxBytes: MAX_FEED_BYTES,
    clockMs: Date.now(),
    skewMs: store.skewMs,
    maxAgeMs: store.maxAgeMs,
    targets: toRaw(oversight.targets),
  }
}

/** The poller taking snapshots through the pipe into the store: the whole data path, no DOM. */
export function feedLoop({ pipe, url, timeoutMs, store, oversight, random, onResult }: FeedLoopOptions): Poller {
  store.connect(pipe)
  return createPoller<SnapshotUpdate>({
    // The first take's headline and charts are drawn as soon as they come, ahead of the long lists.
    take: signal => pipe.take(takeRequest(url, timeoutMs, store, oversight), signal, value => store.receive({ value, receivedAt: Date.now(), failure: null })),
    intervalMs: store.intervalMs,
    random,
    onResult: (result) => {
      store.receive(result)
      onResult?.()
    },
  })
}

export function useFeed(config: CockpitConfig, baseUrl: string) {
  const store = useCockpitStore()
  const oversight = useOversightStore()
  store.intervalMs = config.pollIntervalSeconds * 1000
  store.maxAgeMs = config.maxFeedAgeMinutes * 60_000
  const url = new URL(config.feedUrl, baseUrl).href
  store.feedHost = new URL(url).origin === new URL(baseUrl).origin ? null : new URL(url).host
  const timeoutMs = config.timeoutSeconds * 1000
  // Set before the first take: the worker judges each indicator against them.
  oversight.setTargets(config.targets)
  const pipe = createSnapshotPipe(timeoutMs + DERIVE_ALLOWANCE_MS)
  const normalMs = store.intervalMs
  let backFromRest = false
  const poller = feedLoop({
    pipe,
    url,
    timeoutMs,
    store,
    oversight,
    onResult: () => {
      // Silence is judged on the normal pace again only once a poll has answered at it, so the
      // header does not flash "no data for three polls" in the moment the page is shown.
      if (backFromRest)
        store.intervalMs = normalMs
      backFromRest = false
    },
  })
  poller.start()
  // Hidden, the page rests: nobody reads it, so it polls a few times less often. Back on screen
  // (or after sleep, which a laptop or PC may also do) it polls at once rather than showing old
  // figures until the next scheduled poll.
  function onVisibility() {
    const hidden = document.visibilityState === 'hidden'
    poller.setInterval(hidden ? restingIntervalMs(normalMs) : normalMs)
    backFromRest = !hidden
    if (hidden)
      store.intervalMs = restingIntervalMs(normalMs)
    else
      poller.pollNow()
  }
  useEventListener(document, 'visibilitychange', onVisibility)
  // A page opened in a background tab rests from the start.
  if (document.visibilityState === 'hidden')
    onVisibility()
  useEventListener(window, 'online', () => poller.pollNow())
  const clock = setInterval(() => {
    store.nowMs = Date.now()
  }, 1000)
  onScopeDispose(() => {
    poller.stop()
    pipe.dispose()
    clearInterval(clock)
  })
  return poller
}
