/**
 * DevTools sessions to the page and to its snapshot worker. The worker has its own V8 heap,
 * which now holds the feed's kept sections, so the soak reads both. Playwright opens CDP
 * sessions to pages only; the worker is reached through the page's session, attached to it
 * with `Target.setAutoAttach` (not flattened) and spoken to with `Target.sendMessageToTarget`.
 */
import type { CDPSession, Page } from 'playwright-core'

/** The little of a CDP session the benchmark uses. */
export interface Cdp {
  send: (method: string, params?: Record<string, unknown>) => Promise<unknown>
  on: (event: string, handler: (params: unknown) => void) => void
  off: (event: string, handler: (params: unknown) => void) => void
}

export function pageCdp(session: CDPSession): Cdp {
  const s = session as unknown as {
    send: (method: string, params?: Record<string, unknown>) => Promise<unknown>
    on: (event: string, handler: (params: unknown) => void) => void
    off: (event: string, handler: (params: unknown) => void) => void
  }
  return {
    send: (method, params) => s.send(method, params),
    on: (event, handler) => s.on(event, handler),
    off: (event, handler) => s.off(event, handler),
  }
}

interface Attached { sessionId: string, targetInfo: { type: string, url: string } }
interface Reply { id?: number, method?: string, params?: unknown, result?: unknown, error?: { message: string } }

/** A session to the page's dedicated worker whose script URL matches `script`; waits for it to appear. */
export async function workerCdp(page: Page, script: RegExp, timeoutMs = 30_000): Promise<Cdp> {
  const session = await page.context().newCDPSession(page)
  let sessionId: string | null = null
  let lastId = 0
  const waiting = new Map<number, { ok: (v: unknown) => void, fail: (e: Error) => void }>()
  const handlers = new Map<string, Set<(params: unknown) => void>>()
  session.on('Target.attachedToTarget', (e) => {
    const a = e as unknown as Attached
    if (a.targetInfo.type === 'worker' && script.test(a.targetInfo.url))
      sessionId = a.sessionId // a restarted worker replaces the old one
  })
  session.on('Target.detachedFromTarget', (e) => {
    if ((e as { sessionId: string }).sessionId === sessionId)
      sessionId = null
  })
  session.on('Target.receivedMessageFromTarget', (e) => {
    const { sessionId: from, message } = e as unknown as { sessionId: string, message: string }
    if (from !== sessionId)
      return
    const reply = JSON.parse(message) as Reply
    if (reply.id !== undefined) {
      const w = waiting.get(reply.id)
      waiting.delete(reply.id)
      if (reply.error)
        w?.fail(new Error(reply.error.message))
      else
        w?.ok(reply.result)
    }
    else if (reply.method) {
      handlers.get(reply.method)?.forEach(h => h(reply.params))
    }
  })
  await session.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false })
  const until = Date.now() + timeoutMs
  const attached = () => sessionId !== null // set by the event handler above
  while (!attached()) {
    if (Date.now() > until)
      throw new Error(`no worker matching ${script} within ${timeoutMs} ms`)
    await new Promise(resolve => setTimeout(resolve, 50))
  }
  return {
    send(method, params = {}) {
      const to = sessionId
      if (to === null)
        return Promise.reject(new Error('the worker is gone'))
      const id = ++lastId
      return new Promise((ok, fail) => {
        waiting.set(id, { ok, fail })
        session.send('Target.sendMessageToTarget', { sessionId: to, message: JSON.stringify({ id, method, params }) }).catch((error: Error) => {
          waiting.delete(id)
          fail(error)
        })
      })
    },
    on(event, handler) {
      handlers.set(event, (handlers.get(event) ?? new Set()).add(handler))
    },
    off(event, handler) {
      handlers.get(event)?.delete(handler)
    },
  }
}
