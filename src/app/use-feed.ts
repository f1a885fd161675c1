/**
 * Runs the feed for the lifetime of the calling component: one poller, one clock, both
 * released when the component goes (a wall screen runs for weeks; nothing may pile up).
 */
import type { CockpitConfig } from '~/config.ts'
import { useEventListener } from '@vueuse/core'
import { onScopeDispose } from 'vue'
import { useCockpitStore } from '~/stores/cockpit.ts'
import { useOversightStore } from '~/stores/oversight.ts'
import { createPoller } from '../feed/poller.ts'
import { heldPrints } from '../feed/sections.ts'
import { createWorkerParser } from '../feed/worker-parser.ts'

export function useFeed(config: CockpitConfig, baseUrl: string) {
  const store = useCockpitStore()
  store.intervalMs = config.pollIntervalSeconds * 1000
  const url = new URL(config.feedUrl, baseUrl).href
  // Parsing and validation run in a Web Worker: the ten-times feed would otherwise block the
  // main thread for most of a second (docs/performance.md).
  const parser = createWorkerParser(() => heldPrints(store.sections))
  const poller = createPoller({
    url: () => url,
    intervalMs: store.intervalMs,
    timeoutMs: config.timeoutSeconds * 1000,
    parse: parser.parse,
    onResult: store.receive,
  })
  // Started with the poller, so each indicator's "off target since" counts from the first snapshot.
  useOversightStore().setTargets(config.targets)
  poller.start()
  // A laptop may throttle a hidden tab and a PC may sleep or lose the network: poll at once
  // when the screen is back rather than showing old figures until the next scheduled poll.
  useEventListener(document, 'visibilitychange', () => {
    if (document.visibilityState === 'visible')
      poller.pollNow()
  })
  useEventListener(window, 'online', () => poller.pollNow())
  const clock = setInterval(() => {
    store.nowMs = Date.now()
  }, 1000)
  onScopeDispose(() => {
    poller.stop()
    parser.dispose()
    clearInterval(clock)
  })
  return poller
}
