import type { AddressInfo } from 'node:net'
import type { ControlParams, FeedHandlerOptions, MockState, WallHeard } from './handler.ts'
import { createServer } from 'node:http'
import { resolve } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { createFeedHandler } from './handler.ts'
import { createStaticHandler } from './static.ts'

export interface MockServerOptions extends FeedHandlerOptions {
  /** 0 picks a free port. @default 0 */
  port?: number
  /** @default '127.0.0.1'; '0.0.0.0' to let a wall screen on the network reach it */
  host?: string
  /** A built app (`dist/`) to serve beside the feed. */
  dist?: string
  /** Sent with every response, e.g. the deployment's Content-Security-Policy in a test. */
  headers?: Record<string, string>
}

export interface MockServer {
  /** Base URL with a trailing slash; the feed is at `${url}feed/cockpit.json`. */
  url: string
  close: () => Promise<void>
  /** Same switches as `/__mock/control?…`; throws on a bad value. */
  control: (params: ControlParams) => void
  /** Sent as `X-Mock-Token` with a control request over HTTP. */
  token: string
  state: () => MockState
  /** The walls whose heartbeats arrived (POST /__mock/heartbeat), newest first. */
  walls: () => WallHeard[]
}

/** The feed, its control endpoint and optionally the built app, on one plain node:http server. */
export async function startMockServer(opts: MockServerOptions = {}): Promise<MockServer> {
  const { port = 0, host = '127.0.0.1', dist, headers = {}, ...feedOpts } = opts
  const feed = createFeedHandler(feedOpts)
  const files = dist ? createStaticHandler(dist) : undefined
  const server = createServer((req, res) => {
    for (const [name, value] of Object.entries(headers))
      res.setHeader(name, value)
    feed(req, res, () => {
      if (!files) {
        res.statusCode = 404
        res.end()
        return
      }
      files(req, res).catch(() => {
        res.statusCode = 500
        res.end()
      })
    })
  })
  await new Promise<void>((ok, fail) => {
    server.once('error', fail)
    server.listen(port, host, ok)
  })
  const address = server.address() as AddressInfo
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host
  return {
    url: `http://${shownHost}:${address.port}/`,
    close: () => new Promise<void>((ok) => {
      feed.dispose()
      server.closeAllConnections()
      server.close(() => ok())
    }),
    control: (params) => {
      feed.control(params)
    },
    state: feed.state,
    walls: feed.walls,
    token: feed.token,
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'port': { type: 'string', default: '4174' },
      'host': { type: 'string' },
      'dist': { type: 'string' },
      'fault': { type: 'string' },
      'seed': { type: 'string' },
      'scale': { type: 'string' },
      'delay-ms': { type: 'string' },
      'tick': { type: 'string' },
    },
  })
  const server = await startMockServer({
    port: Number(values.port),
    host: values.host,
    dist: values.dist && resolve(values.dist),
  })
  // Through the same validation as the control endpoint, so bad flags fail loudly.
  server.control({ fault: values.fault, seed: values.seed, scale: values.scale, delayMs: values['delay-ms'], tick: values.tick })
  const what = values.dist ? `cockpit (${values.dist}) and mock feed` : 'mock feed'
  process.stdout.write(`${what} at ${server.url} (feed: ${server.url}feed/cockpit.json, fault: ${server.state().fault})\n`
    + `control: curl -X POST -H 'X-Mock-Token: ${server.token}' '${server.url}__mock/control?fault=5xx'\n`
    + `heartbeats: POST ${server.url}__mock/heartbeat, walls heard from: ${server.url}__mock/walls\n`)
  const stop = () => void server.close().then(() => process.exit(0))
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    process.stderr.write(`${(err as Error).message}\n`)
    process.exit(1)
  })
}
