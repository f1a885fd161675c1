/**
 * The feed worker: the keeper, off the main thread. It fetches the feed itself (axios runs in a
 * dedicated worker), so a 20 MB body is never read, parsed or copied on the thread that draws.
 */
import type { PipeReply, PipeRequest } from './protocol.ts'
import axios from 'axios'
import { errorName } from '~/feed/reasons.ts'
import { createKeeper } from './keeper.ts'

const keeper = createKeeper(axios.create())
const inFlight = new Map<number, AbortController>()

function reply(message: PipeReply): void {
  postMessage(message)
}

addEventListener('message', (event: MessageEvent<PipeRequest>) => {
  const request = event.data
  if (request.kind === 'cancel') {
    inFlight.get(request.id)?.abort()
    inFlight.delete(request.id)
    return
  }
  if (request.kind === 'query') {
    try {
      reply({ id: request.id, kind: 'query', answer: keeper.query(request.query) })
    }
    catch (error) {
      reply({ id: request.id, kind: 'failed', error: errorName(error) })
    }
    return
  }
  const abort = new AbortController()
  inFlight.set(request.id, abort)
  keeper.take(request.req, abort.signal, update => reply({ id: request.id, kind: 'early', update })).then(
    taken => reply({ id: request.id, kind: 'take', taken }),
    (error: unknown) => reply({ id: request.id, kind: 'failed', error: errorName(error) }),
  ).finally(() => inFlight.delete(request.id))
})
