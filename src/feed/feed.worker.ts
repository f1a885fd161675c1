/**
 * The feed worker: JSON parsing, validation and fingerprinting of every section, off the main
 * thread, so a big feed never freezes the wall. The code is the main thread's own (digestFeed).
 */
import type { WorkerReply, WorkerRequest } from './worker-protocol.ts'
import { digestFeed } from './digest.ts'
import { parseJson } from './fetch-feed.ts'
import { sliceDigest } from './worker-protocol.ts'

function reply(message: WorkerReply): void {
  postMessage(message)
}

addEventListener('message', (event: MessageEvent<WorkerRequest>) => {
  const { id, held } = event.data
  let body: unknown
  try {
    body = parseJson(event.data.body)
  }
  catch (error) {
    reply({ id, error: error instanceof Error ? error.message : String(error) })
    return
  }
  const digest = digestFeed(body, held)
  for (const slice of sliceDigest(digest))
    reply({ id, slice })
  reply({ id, digest })
})
