/** What the main thread and the feed worker say to each other: a take, a query, or a cancel. */
import type { SnapshotUpdate, TakeRequest } from './keeper.ts'
import type { Answer, Query } from './queries.ts'
import type { Taken } from '~/feed/poller.ts'

export type PipeRequest
  = | { id: number, kind: 'take', req: TakeRequest }
    | { id: number, kind: 'query', query: Query }
    /** The poller stopped: the worker drops the take's answer (its fetch is aborted). */
    | { id: number, kind: 'cancel' }

export type PipeReply
  = | { id: number, kind: 'take', taken: Taken<SnapshotUpdate> }
    | { id: number, kind: 'query', answer: Answer<Query> }
    /** The request threw inside the worker; `error` is the error's name (TypeError), as code. */
    | { id: number, kind: 'failed', error: string }
