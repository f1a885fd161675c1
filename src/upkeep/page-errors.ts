/**
 * The page's own errors, for the heartbeat: uncaught errors, unhandled rejections, and the
 * crashes the page catches itself (a chart that failed to draw, the feed worker that died),
 * counted since the page started. A wall that reports any is 报错 on the fleet page, so what a
 * browser raises without anything being wrong is left out. Nothing here is shown on the wall.
 */
import { BEAT_TEXT_MAX } from '~/walls.ts'

/** Raised by Chromium when a resize observer's callback resizes what it observes: harmless, and frequent on a wall that fits its canvas. */
const BENIGN = /^ResizeObserver loop/

export interface PageErrors {
  /** Errors since the page started. */
  count: () => number
  /** The last one's message, in a line, or null before any. */
  last: () => string | null
  /** Counts an error the page caught itself; one already counted (the same object) is not counted twice. */
  note: (error: unknown) => void
  dispose: () => void
}

/** An error as one short line: its name and message, whitespace folded. */
export function errorLine(error: unknown): string {
  const text = error instanceof Error
    ? (error.message ? `${error.name}: ${error.message}` : error.name)
    : typeof error === 'string' ? error : safeString(error)
  return text.replace(/\s+/g, ' ').trim().slice(0, BEAT_TEXT_MAX)
}

function safeString(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value)
  }
  catch {
    return Object.prototype.toString.call(value)
  }
}

export function createPageErrors(target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window): PageErrors {
  let count = 0
  let last: string | null = null
  // Vue in development rethrows what a component's hook caught: the window sees it again.
  const seen = new WeakSet<object>()

  function note(error: unknown, fallback = ''): void {
    if (typeof error === 'object' && error !== null) {
      if (seen.has(error))
        return
      seen.add(error)
    }
    const line = error === undefined || error === null ? fallback.replace(/\s+/g, ' ').trim().slice(0, BEAT_TEXT_MAX) : errorLine(error)
    if (BENIGN.test(line))
      return
    count++
    last = line || null
  }

  const onError = (e: Event) => {
    const { error, message } = e as ErrorEvent
    // A resource that failed to load fires 'error' on its element, not here: capture is off.
    note(error, message ?? '')
  }
  const onRejection = (e: Event) => note((e as PromiseRejectionEvent).reason, 'unhandled rejection')
  target.addEventListener('error', onError)
  target.addEventListener('unhandledrejection', onRejection)

  return {
    count: () => count,
    last: () => last,
    note: error => note(error, 'error'),
    dispose() {
      target.removeEventListener('error', onError)
      target.removeEventListener('unhandledrejection', onRejection)
    },
  }
}
