/**
 * The poller's `parse` hook backed by the feed worker. It resolves to a digest (checked,
 * fingerprinted, unchanged sections left out) that the store applies as it is. Where no worker
 * can run (tests in node, a worker script that fails to load) the same digest is made here.
 */
import type { FeedDigest } from './digest.ts'
import type { FeedBody, FeedParser } from './fetch-feed.ts'
import type { Fingerprints } from './sections.ts'
import type { Slice, WorkerReply, WorkerRequest } from './worker-protocol.ts'
import { digestFeed, markDigest } from './digest.ts'
import { parseJson } from './fetch-feed.ts'
import { joinDigest } from './worker-protocol.ts'

export interface WorkerParser {
  parse: FeedParser
  /** Ends the worker; a parse still running is dropped, as the poller has stopped too. */
  dispose: () => void
}

interface Pending {
  body: FeedBody
  slices: Slice[]
  resolve: (digest: FeedDigest) => void
  reject: (error: Error) => void
}

function spawnFeedWorker(): Worker {
  return new Worker(new URL('./feed.worker.ts', import.meta.url), { type: 'module', name: 'feed' })
}

/** `held` is read at each parse: the fingerprints of the sections the store has now. */
export function createWorkerParser(held: () => Fingerprints, spawn: (() => Worker) | null = typeof Worker === 'undefined' ? null : spawnFeedWorker): WorkerParser {
  let worker: Worker | null = null
  let failed = spawn === null
  let lastId = 0
  const pending = new Map<number, Pending>()

  const here = (body: FeedBody) => markDigest(digestFeed(parseJson(body), held()))

  function onReply({ data }: MessageEvent<WorkerReply>) {
    const p = pending.get(data.id)
    if (!p)
      return
    if ('slice' in data) {
      p.slices.push(data.slice)
      return
    }
    pending.delete(data.id)
    if ('error' in data)
      p.reject(new Error(data.error))
    else
      p.resolve(markDigest(joinDigest(data.digest, p.slices)))
  }

  // A worker that cannot start or crashes: this and every later feed is digested here instead.
  function onFailure() {
    failed = true
    worker?.terminate()
    worker = null
    for (const p of pending.values()) {
      try {
        p.resolve(here(p.body))
      }
      catch (error) {
        p.reject(error instanceof Error ? error : new Error(String(error)))
      }
    }
    pending.clear()
  }

  function started(): Worker | null {
    if (worker || failed)
      return worker
    try {
      worker = spawn!()
      worker.addEventListener('message', onReply)
      worker.addEventListener('error', onFailure)
      worker.addEventListener('messageerror', onFailure)
    }
    catch {
      failed = true
    }
    return worker
  }

  // Started now, not at the first parse: fetching and compiling the worker then overlaps the
  // first request for the feed, and the wall draws sooner.
  started()

  return {
    parse(body) {
      const w = started()
      if (!w)
        return here(body)
      return new Promise<FeedDigest>((resolve, reject) => {
        const id = ++lastId
        pending.set(id, { body, slices: [], resolve, reject })
        // Copied, not transferred: a memcpy of even 20 MB is a few milliseconds, and the body
        // stays here to be digested on this thread should the worker die meanwhile.
        w.postMessage({ id, body, held: held() } satisfies WorkerRequest)
      })
    },
    dispose() {
      worker?.terminate()
      worker = null
      pending.clear()
    },
  }
}
