/**
 * The built cockpit beside the feed, so one port is a whole deployment. `index.html`,
 * `config.json` and `version.json` are revalidated on every load (a wall must see a new build
 * or setting); hashed assets are cached for good.
 */
import type { FastifyInstance } from 'fastify'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import fastifyStatic from '@fastify/static'
import { sendError } from './errors.ts'

export async function cockpitRoute(app: FastifyInstance, dist: string): Promise<void> {
  if (!existsSync(join(dist, 'index.html'))) {
    app.get('/', (_request, reply) => sendError(reply, 503, 'NOT_BUILT', '驾驶舱尚未构建：请先运行 npm run build（npm start 会自动构建）'))
    return
  }
  await app.register(fastifyStatic, {
    root: dist,
    preCompressed: false,
    setHeaders(reply, path) {
      reply.header('Cache-Control', /[/\\]assets[/\\]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache')
    },
  })
}
