import type { Plugin } from 'vite'
import type { FeedHandlerOptions } from './handler.ts'
import { createFeedHandler } from './handler.ts'

/**
 * Serves the mock feed (`…/feed/cockpit.json`) and its switches (`/__mock/control`) inside
 * `vite` and `vite preview`, so the app polls the same URL it will poll in production.
 */
export function mockFeedPlugin(opts: FeedHandlerOptions = {}): Plugin {
  return {
    name: 'hz-fic-mock-feed',
    configureServer(server) {
      const handler = createFeedHandler(opts)
      server.middlewares.use(handler)
      server.httpServer?.once('listening', () => server.config.logger.info(`  mock feed control: POST /__mock/control with header X-Mock-Token: ${handler.token}`))
      server.httpServer?.once('close', handler.dispose)
    },
    configurePreviewServer(server) {
      const handler = createFeedHandler(opts)
      server.middlewares.use(handler)
      server.httpServer.once('listening', () => server.config.logger.info(`  mock feed control: POST /__mock/control with header X-Mock-Token: ${handler.token}`))
      server.httpServer.once('close', handler.dispose)
    },
  }
}
