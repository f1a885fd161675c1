/**
 * What went wrong with a call to the data service, as one typed value whatever the cause: the
 * service's own `{ error: { code, message } }`, a status without a body, no answer at all, or
 * an answer that is not what the contract promised. Pages decide what to say from `code`.
 */
import type { AxiosResponseHeaders, RawAxiosResponseHeaders } from 'axios'
import { isAxiosError, isCancel } from 'axios'
import * as v from 'valibot'

/** Codes made here, for failures the service never named. */
export type LocalCode = 'NETWORK' | 'TIMEOUT' | 'CANCELLED' | 'BAD_ANSWER' | 'HTTP'

export class ServiceProblem extends Error {
  override readonly name = 'ServiceProblem'
  constructor(
    /** The HTTP status; 0 when no answer came. */
    readonly status: number,
    /** The service's code (BAD_LOGIN, STALE, …) or a LocalCode. */
    readonly code: string,
    /** The service's words (Chinese), or empty when it gave none. */
    message: string,
    /** Seconds from a Retry-After header (429), else null. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message)
  }

  /** The session is over (or never was): the page asks to sign in. */
  get unauthenticated(): boolean {
    return this.status === 401
  }
}

export const errorAnswer = v.object({
  error: v.object({
    code: v.string(),
    message: v.optional(v.string(), ''),
  }),
})

type Headers = RawAxiosResponseHeaders | AxiosResponseHeaders | Record<string, unknown>

/** Retry-After in whole seconds (the service sends seconds, never a date); null when absent or unreadable. */
export function retryAfterOf(headers: Headers | undefined): number | null {
  const raw = headers?.['retry-after']
  const seconds = Number(typeof raw === 'string' || typeof raw === 'number' ? raw : Number.NaN)
  return Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds) : null
}

/** A body that is JSON text (a streamed or text answer) or an already parsed value. */
function parsed(body: unknown): unknown {
  if (typeof body !== 'string')
    return body
  try {
    return JSON.parse(body)
  }
  catch {
    return null
  }
}

/** The problem an HTTP error answer states, or one named after its status when it states none. */
export function problemOfAnswer(status: number, body: unknown, headers?: Headers): ServiceProblem {
  const answer = v.safeParse(errorAnswer, parsed(body))
  const retry = retryAfterOf(headers)
  return answer.success
    ? new ServiceProblem(status, answer.output.error.code, answer.output.error.message, retry)
    : new ServiceProblem(status, 'HTTP', '', retry)
}

/** Anything a call threw, as a ServiceProblem. */
export function problemOf(error: unknown): ServiceProblem {
  if (error instanceof ServiceProblem)
    return error
  if (isCancel(error))
    return new ServiceProblem(0, 'CANCELLED', '')
  if (isAxiosError(error)) {
    if (error.response)
      return problemOfAnswer(error.response.status, error.response.data, error.response.headers)
    return new ServiceProblem(0, error.code === 'ECONNABORTED' || error.code === 'ETIMEDOUT' ? 'TIMEOUT' : 'NETWORK', '')
  }
  return new ServiceProblem(0, 'NETWORK', error instanceof Error ? error.message : '')
}
