/**
 * `GET /feed/cockpit.json`, where the cockpit's default `feedUrl` looks: the published bytes,
 * compressed ahead, a strong ETag from their content, and `304` for a poll that has them.
 */
import type { FastifyInstance } from 'fastify'
import type { FeedPublisher } from '../publish/publisher.ts'
import { sendError } from './errors.ts'

/** `If-None-Match` may list several tags, or `*`; a weak form of ours matches too (RFC 9110). */
function matches(header: string | undefined, etag: string): boolean {
  if (!header)
    return false
  return header.split(',').some(t => t.trim() === '*' || t.trim().replace(/^W\//, '') === etag)
}

/** A coding offered in Accept-Encoding and not refused by q=0; built once, read on every poll. */
const offered = (name: string) => new RegExp(`(?:^|,)\\s*${name}\\s*(?:;\\s*q=(?!0(?:\\.0*)?\\s*(?:,|$))[\\d.]+)?\\s*(?:,|$)`)
const BR = offered('br')
const GZIP = offered('gzip')

function encodingOf(accept: string | undefined, brReady: boolean): 'br' | 'gzip' | null {
  const list = (accept ?? '').toLowerCase()
  return brReady && BR.test(list) ? 'br' : GZIP.test(list) ? 'gzip' : null
}

/** `?asOf=2026-10`: a month that has ended. */
const MONTH = /^\d{4}-(?:0[1-9]|1[0-2])$/

export function feedRoute(app: FastifyInstance, publisher: FeedPublisher): void {
  app.get<{ Querystring: { asOf?: string } }>('/feed/cockpit.json', async (request, reply) => {
    const asOf = request.query.asOf
    if (asOf !== undefined) {
      if (typeof asOf !== 'string' || !MONTH.test(asOf))
        return sendError(reply, 400, 'BAD_AS_OF', `asOf 须为月份，格式 YYYY-MM，例如 2026-10；收到“${String(asOf).slice(0, 20)}”`)
      const past = await publisher.asOf(asOf)
      if (!past.doc)
        return sendError(reply, 503, 'NO_FEED', `${asOf} 的数据未通过校验：${past.problem}`)
      // One pack's request, composed for it: neither cached nor compared by ETag.
      return reply.header('Cache-Control', 'no-store').type('application/json; charset=utf-8').send(JSON.stringify(past.doc))
    }
    const feed = await publisher.current()
    if (!feed) {
      const why = publisher.health().problem ?? '尚未生成'
      return sendError(reply, 503, 'NO_FEED', `数据暂不可用：${why}`)
    }
    reply.header('ETag', feed.etag).header('Cache-Control', 'no-cache').header('Vary', 'Accept-Encoding')
    if (matches(request.headers['if-none-match'], feed.etag))
      return reply.code(304).send()
    const encoding = encodingOf(request.headers['accept-encoding'], feed.br !== null)
    reply.type('application/json; charset=utf-8')
    if (encoding)
      reply.header('Content-Encoding', encoding)
    return reply.send(encoding === 'br' ? feed.br : encoding === 'gzip' ? feed.gzip : feed.identity)
  })
}
