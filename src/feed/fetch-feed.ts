import type { AxiosInstance, AxiosProgressEvent, AxiosResponse } from 'axios'
import type { Reason } from './reasons.ts'
import { AxiosHeaders, isAxiosError, isCancel } from 'axios'
import { formatBytes } from '~/format/numbers.ts'
import { errorName, notJsonReason } from './reasons.ts'

/**
 * The body as it came: bytes from the browser (never decoded on the main thread), text from
 * adapters that only give text (tests).
 */
export type FeedBody = string | ArrayBuffer

/** Turns a JSON body into a value; may be async so parsing can move into a Web Worker. */
export type FeedParser = (body: FeedBody) => unknown | Promise<unknown>

/** JSON.parse of the body, decoded as UTF-8 (a byte-order mark is dropped, as browsers do for text). */
export function parseJson(body: FeedBody): unknown {
  return JSON.parse(typeof body === 'string' ? body : new TextDecoder().decode(body))
}

/** The response data as a FeedBody and its size in bytes. */
function bodyOf(data: unknown): { body: FeedBody, bytes: number } {
  if (data instanceof ArrayBuffer)
    return { body: data, bytes: data.byteLength }
  if (ArrayBuffer.isView(data)) { // Node's Buffer, from axios' http adapter
    const body = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer
    return { body, bytes: body.byteLength }
  }
  const text = typeof data === 'string' ? data : String(data ?? '')
  return { body: text, bytes: utf8Length(text) }
}

/** One request: its address, its limits and what the last answer was. */
export interface FeedRequest {
  url: string
  /** ETag of the last answer; sent as `If-None-Match` so an unchanged feed costs a `304`. */
  etag: string | null
  timeoutMs: number
  maxBytes: number
  parse: FeedParser
  /** Aborting it cancels the request (the poller's `stop()`). */
  signal?: AbortSignal
}

export type FeedOutcome
  = | { kind: 'data', body: unknown, etag: string | null, bytes: number, serverDate: Date | null }
    | { kind: 'unchanged', etag: string | null, serverDate: Date | null }
    | { kind: 'error', reason: Reason, serverDate: Date | null }

/** Every reason the transport can give, as data; the message tables word them (`reason.<code>`). */
export const feedMessages = {
  // The actual size rounds up so that a refused body never reads as equal to the limit.
  tooLarge: (bytes: number, limit: number): Reason => ({ code: 'tooLarge', size: formatBytes(bytes, { rounding: 'up' }), limit: formatBytes(limit) }),
  notJson: notJsonReason,
  timeout: (ms: number): Reason => ({ code: 'timeout', seconds: Math.round(ms / 100) / 10 }),
  http: (status: number): Reason => ({ code: 'http', status }),
  network: (): Reason => ({ code: 'network' }),
  cancelled: (): Reason => ({ code: 'cancelled' }),
  failed: (error: string): Reason => ({ code: 'failed', error }),
}

/** UTF-8 size of a string without allocating an encoded copy of a body that may be tens of MB. */
export function utf8Length(text: string): number {
  let bytes = text.length
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code >= 0xD800 && code <= 0xDFFF)
      bytes += 1 // each half of a surrogate pair: 4 bytes for 2 code units
    else if (code >= 0x800)
      bytes += 2
    else if (code >= 0x80)
      bytes += 1
  }
  return bytes
}

function header(res: AxiosResponse, name: string): string | null {
  const value = AxiosHeaders.from(res.headers as AxiosHeaders).get(name)
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null
}

function serverDate(res: AxiosResponse | undefined): Date | null {
  const value = res ? header(res, 'date') : null
  const date = value === null ? null : new Date(value)
  return date && !Number.isNaN(date.getTime()) ? date : null
}

function describe(error: unknown, timeoutMs: number): Reason {
  if (!isAxiosError(error))
    return feedMessages.failed(errorName(error))
  if (error.response)
    return feedMessages.http(error.response.status)
  // An injected instance may carry its own axios `timeout`.
  if (error.code === 'ECONNABORTED' || error.code === 'ETIMEDOUT')
    return feedMessages.timeout(error.config?.timeout || timeoutMs)
  if (isCancel(error))
    return feedMessages.cancelled()
  return feedMessages.network()
}

/**
 * Fetches the feed once and never throws: every failure comes back as a readable `reason`.
 * The body is read as text and parsed here, so size and syntax can be judged before anyone
 * touches it. Cross-origin feeds must expose `ETag` and `Date` (`Access-Control-Expose-Headers`).
 */
export async function fetchFeed(http: AxiosInstance, req: FeedRequest): Promise<FeedOutcome> {
  const controller = new AbortController()
  // Why we cut the request ourselves (timeout, oversize); undefined when the caller cancelled it.
  let refusal: Reason | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  const cut = (reason?: Reason) => {
    refusal ??= reason
    clearTimeout(timer)
    controller.abort()
  }
  timer = setTimeout(() => cut(feedMessages.timeout(req.timeoutMs)), req.timeoutMs)
  // Clears the timer synchronously, so a stopped poller leaves no timer behind.
  const onCancel = () => cut()
  req.signal?.addEventListener('abort', onCancel, { once: true })
  if (req.signal?.aborted)
    cut()

  let res: AxiosResponse<unknown>
  try {
    res = await http.get<unknown>(req.url, {
      signal: controller.signal,
      headers: req.etag === null ? {} : { 'If-None-Match': req.etag },
      // Bytes, not text: the size is then known without counting, and a 20 MB body goes to the
      // feed worker without ever being decoded on the main thread.
      responseType: 'arraybuffer',
      transformResponse: [(data: unknown) => data],
      validateStatus: status => status === 200 || status === 304,
      onDownloadProgress: (event: AxiosProgressEvent) => {
        const seen = Math.max(event.loaded, event.total ?? 0)
        if (seen > req.maxBytes)
          cut(feedMessages.tooLarge(seen, req.maxBytes))
      },
    })
  }
  catch (error) {
    const answered = isAxiosError(error) ? error.response : undefined
    return { kind: 'error', reason: refusal ?? describe(error, req.timeoutMs), serverDate: serverDate(answered) }
  }
  finally {
    clearTimeout(timer)
    req.signal?.removeEventListener('abort', onCancel)
  }

  const etag = header(res, 'etag')
  if (res.status === 304)
    return { kind: 'unchanged', etag, serverDate: serverDate(res) }

  // Content-Length may be the compressed size, so the decoded body is measured as well.
  const declared = Number(header(res, 'content-length') ?? Number.NaN)
  if (declared > req.maxBytes)
    return { kind: 'error', reason: feedMessages.tooLarge(declared, req.maxBytes), serverDate: serverDate(res) }
  const { body: raw, bytes } = bodyOf(res.data)
  if (bytes > req.maxBytes)
    return { kind: 'error', reason: feedMessages.tooLarge(bytes, req.maxBytes), serverDate: serverDate(res) }

  try {
    const body = await req.parse(raw)
    return { kind: 'data', body, etag, bytes, serverDate: serverDate(res) }
  }
  catch {
    return { kind: 'error', reason: feedMessages.notJson(raw), serverDate: serverDate(res) }
  }
}
