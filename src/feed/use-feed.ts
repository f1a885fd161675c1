/**
 * Runs the feed for the lifetime of the calling component: one poller, one clock, both
 * released when the component goes (a wall screen runs for weeks; nothing may pile up).
 */
import type { CockpitConfig } from '~/config.ts'
import { useEventListener } from '@vueuse/core'
import { onScopeDispose } from 'vue'
import { useCockpitStore } from '~/stores/cockpit.ts'
import { createPoller } from './poller.ts'

export function useFeed(config: CockpitConfig, baseUrl: string) {
  const store = useCockpitStore()
  store.intervalMs = config.pollIntervalSeconds * 1000
  const url = new URL(config.feedUrl, baseUrl).href
  const poller = createPoller({
    url: () => url,
    intervalMs: store.intervalMs,
    timeoutMs: config.timeoutSeconds * 1000,
    onResult: store.receive,
  })
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
    clearInterval(clock)
  })
  return poller
}
