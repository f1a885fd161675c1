/**
 * Why a poll failed, as data: the words are the reader's, chosen where the reason is shown
 * (components/feed-status.ts), so a Chinese wall never says "feed answered HTTP 503".
 */
import type { FeedProblem } from './problems.ts'

export type Reason
  = | { code: 'tooLarge', size: string, limit: string }
    /** `begins`: the body's first characters, as code. */
    | { code: 'notJson', begins: string }
    | { code: 'timeout', seconds: number }
    | { code: 'http', status: number }
    | { code: 'network' }
    | { code: 'cancelled' }
    /** `error`: the name of an unexpected error (TypeError), as code. */
    | { code: 'failed', error: string }
    /** The document was refused by validation; the problems name the field paths, which stay as code. */
    | { code: 'refused', problems: FeedProblem[] }
    /** The feed worker did not reply in time, or crashed: it was started afresh. */
    | { code: 'workerTimeout' }
    | { code: 'workerCrashed' }

export type ReasonCode = Reason['code']

/** An unexpected error as the reader may see it: its name, never its English message. */
export function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error
}

/**
 * A body that is not JSON, named by how it begins, on one line: "<!DOCTYPE html>" tells staff a
 * proxy answered with a page. The parser's own message is an English sentence and says less.
 */
export function notJsonReason(body: string | ArrayBuffer): Reason {
  const head = typeof body === 'string' ? body.slice(0, 64) : new TextDecoder().decode(body.slice(0, 64))
  const line = head.replace(/\s+/g, ' ').trim()
  return { code: 'notJson', begins: line.length > 24 ? `${line.slice(0, 24)}…` : line }
}
