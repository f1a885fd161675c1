/**
 * What the main thread and the feed worker say to each other (a take, a query, or a cancel),
 * and the pipe both ends are reached through, in the worker or on this thread.
 */
import type { EarlyUpdate, SnapshotUpdate, TakeRequest } from './keeper.ts'
import type { Answer, Query } from './queries.ts'
import type { Taken } from '~/feed/poller.ts'

export type PipeRequest
  = | { id: number, kind: 'take', req: TakeRequest }
    | { id: number, kind: 'query', query: Query }
    /** The poller stopped: the worker drops the take's answer (its fetch is aborted). */
    | { id: number, kind: 'cancel' }

export type PipeReply
  = | { id: number, kind: 'take', taken: Taken<SnapshotUpdate> }
    /** The first take's headline and chart models, ahead of its reply (which follows with the rest). */
    | { id: number, kind: 'early', update: SnapshotUpdate }
    | { id: number, kind: 'query', answer: Answer<Query> }
    /** The request threw inside the worker; `error` is the error's name (TypeError), as code. */
    | { id: number, kind: 'failed', error: string }

export interface SnapshotPipe {
  take: (req: TakeRequest, signal?: AbortSignal, early?: EarlyUpdate) => Promise<Taken<SnapshotUpdate>>
  query: <Q extends Query>(q: Q) => Promise<Answer<Q>>
  /** Ends the worker; nothing pending resolves afterwards. */
  dispose: () => void
  /** Where the keeper runs now: it moves to the main thread if no worker can start. */
  readonly where: 'worker' | 'main-thread'
  /** Workers started so far (1 + restarts), for the status page and the tests. */
  readonly starts: number
}
