import type { FastifyBaseLogger } from 'fastify'
/**
 * The published feed: composed once per data version, validated, then served from memory as
 * bytes already compressed. Every replica reads the version from the database, so an import
 * through one is served by all on the next poll; nothing here outlives the process but the
 * last good document, which is kept in the database for a replica that starts on bad data.
 *
 * `generatedAt` says when the service last vouched for the figures: it is stamped afresh (at
 * most once a minute) while the database answers and the data passes, so a wall says 实时
 * exactly while the service stands behind its figures, and goes stale when it cannot.
 */
import type { Kysely } from 'kysely'
import type { Feed } from '../../src/feed/schema.ts'
import type { Database } from '../store/schema.ts'
import { Buffer } from 'node:buffer'
import { createHash } from 'node:crypto'
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'
import { composeFeed } from '../feed/compose.ts'
import { shanghaiTimestamp } from '../feed/time.ts'
import { dataVersion } from '../store/db.ts'
import { composeInput } from '../store/feed-input.ts'
import { feedProblem } from './feed-check.ts'

const gzipAsync = promisify(gzip)
const brotliAsync = promisify(brotliCompress)

export interface Published {
  version: number
  etag: string
  generatedAt: string
  identity: Buffer
  gzip: Buffer
  /** Null until brotli is done: gzip is served meanwhile. */
  br: Buffer | null
  brReady: Promise<void>
}

export interface FeedHealth {
  ok: boolean
  version: number | null
  generatedAt: string | null
  /** Why the newest data is not what is served, in Chinese; null when it is. */
  problem: string | null
}

export interface PublisherOptions {
  /** How often a request may ask the database for its data version. */
  recheckMs?: number
  /** How old `generatedAt` may grow before it is stamped afresh. */
  restampMs?: number
  /** How long a request waits for a recheck before it is answered from memory. */
  patienceMs?: number
  now?: () => Date
}

export class FeedPublisher {
  private published: Published | null = null
  private composed: { version: number, doc: Feed } | null = null
  private problem: string | null = null
  private checkedAt = 0
  private running: Promise<void> | null = null
  private readonly recheckMs: number
  private readonly restampMs: number
  private readonly patienceMs: number
  private readonly now: () => Date

  constructor(private readonly db: Kysely<Database>, private readonly log: FastifyBaseLogger, options: PublisherOptions = {}) {
    this.recheckMs = options.recheckMs ?? 1_000
    this.restampMs = options.restampMs ?? 60_000
    this.patienceMs = options.patienceMs ?? 250
    this.now = options.now ?? (() => new Date())
  }

  /** The feed to serve; null only while nothing good has ever been composed. */
  async current(): Promise<Published | null> {
    if (this.now().getTime() - this.checkedAt >= this.recheckMs) {
      const refresh = this.refresh()
      // A long import holds PGlite's one connection: answer from memory rather than wait.
      if (this.published)
        await Promise.race([refresh, new Promise(resolve => setTimeout(resolve, this.patienceMs).unref())])
      else await refresh
    }
    return this.published
  }

  /** After a write through this replica: the next request looks at once. */
  invalidate(): void {
    this.checkedAt = 0
  }

  health(): FeedHealth {
    return { ok: this.problem === null && this.published !== null, version: this.published?.version ?? null, generatedAt: this.published?.generatedAt ?? null, problem: this.problem }
  }

  /** One refresh at a time; callers share it. */
  refresh(): Promise<void> {
    this.running ??= this.doRefresh().finally(() => this.running = null)
    return this.running
  }

  private async doRefresh(): Promise<void> {
    const now = this.now()
    let version: number
    try {
      version = await dataVersion(this.db)
    }
    catch (e) {
      this.problem = `数据库无法读取：${e instanceof Error ? e.message : String(e)}`
      this.log.error({ err: e }, 'feed: database unreachable')
      return
    }
    this.checkedAt = now.getTime()
    if (this.composed?.version !== version) {
      const doc = composeFeed(await composeInput(this.db), now)
      const problem = feedProblem(doc)
      if (problem) {
        this.problem = `第 ${version} 版数据未通过校验，未发布：${problem}`
        this.log.error({ version, problem }, 'feed: composed document failed validation; serving the last good one')
        if (!this.published)
          await this.loadLastGood()
        return
      }
      this.composed = { version, doc }
      this.problem = null
      this.published = await serialise(version, doc)
      // Kept once served: a replica that starts on data that will not validate serves this.
      await this.keepLastGood(this.published)
      return
    }
    if (this.problem !== null || (this.published && now.getTime() - Date.parse(this.published.generatedAt) < this.restampMs))
      return
    this.published = await serialise(version, { ...this.composed.doc, generatedAt: shanghaiTimestamp(now.getTime()) })
  }

  /**
   * The feed as it stood at a month's end (`YYYY-MM`), composed now from what is stored, for a
   * meeting pack about that month: its figures are the month's, its `generatedAt` is now (it is
   * generated now, and a wall must not call it stopped), its dates say which day it is about.
   * Not kept: one staff member's pack, not the published feed. Null when it does not validate.
   */
  async asOf(month: string): Promise<{ doc: Feed, problem: null } | { doc: null, problem: string }> {
    const [y, m] = month.split('-').map(Number) as [number, number]
    const end = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10)
    const doc = composeFeed(await composeInput(this.db, end), this.now())
    const problem = feedProblem(doc)
    return problem ? { doc: null, problem } : { doc, problem: null }
  }

  /** The serialised text as it is (stored as text: jsonb would parse 18 MB again at 10×), once a version. */
  private async keepLastGood(p: Published): Promise<void> {
    const document = p.identity.toString('utf8')
    await this.db.insertInto('published').values({ id: 1, version: p.version, document }).onConflict(oc => oc.column('id').doUpdateSet({ version: p.version, document }).where('published.version', '<', p.version)).execute()
  }

  /** A replica that starts on data that does not validate still serves what last did. */
  private async loadLastGood(): Promise<void> {
    const row = await this.db.selectFrom('published').select(['version', 'document']).where('id', '=', 1).executeTakeFirst()
    if (row)
      this.published = await serialise(row.version, JSON.parse(row.document) as Feed)
  }
}

/**
 * The document's bytes, published as soon as gzip is ready. Brotli is a fifth smaller but slower
 * to make: it is added when done (`brReady`), and a client that takes br gets gzip until then.
 */
export async function serialise(version: number, doc: Feed): Promise<Published> {
  const identity = Buffer.from(JSON.stringify(doc))
  const etag = `"${createHash('sha256').update(identity).digest('base64url').slice(0, 32)}"`
  const published: Published = { version, etag, generatedAt: doc.generatedAt, identity, gzip: await gzipAsync(identity, { level: 6 }), br: null, brReady: Promise.resolve() }
  // Quality 5: within a few per cent of the best for JSON, at a fraction of the time.
  published.brReady = brotliAsync(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: identity.length } })
    .then((br) => {
      published.br = br
    })
  return published
}
