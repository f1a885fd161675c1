/**
 * Why a poll failed, as data: the words are the reader's, chosen where the reason is shown
 * (components/feed-status.ts), so a Chinese wall never says "feed answered HTTP 503".
 */
export type Reason
  = | { code: 'tooLarge', size: string, limit: string }
    | { code: 'notJson', detail: string }
    | { code: 'timeout', seconds: number }
    | { code: 'http', status: number }
    | { code: 'network' }
    | { code: 'cancelled' }
    | { code: 'failed', detail: string }
    /** The document was refused by validation; `detail` names the field paths, which stay as code. */
    | { code: 'refused', detail: string }
    /** The feed worker did not reply in time, or crashed: it was started afresh. */
    | { code: 'workerTimeout' }
    | { code: 'workerCrashed' }

export type ReasonCode = Reason['code']
