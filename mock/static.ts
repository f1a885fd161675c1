import type { IncomingMessage, ServerResponse } from 'node:http'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { extname, join, normalize, resolve, sep } from 'node:path'

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
}

async function fileAt(path: string): Promise<number | undefined> {
  try {
    const s = await stat(path)
    return s.isFile() ? s.size : undefined
  }
  catch {
    return undefined
  }
}

/**
 * Serves a built app from `dist`. Hashed files under `assets/` are cached for a year;
 * everything else (index.html, the runtime config beside it) is revalidated on every load,
 * so a redeploy or a config change reaches the wall screen on its next reload.
 */
export function createStaticHandler(dist: string) {
  const root = resolve(dist)
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.statusCode = 405
      res.end()
      return
    }
    let pathname: string
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://static.invalid').pathname)
    }
    catch {
      res.statusCode = 400
      res.end()
      return
    }
    let path = normalize(join(root, pathname))
    if (path !== root && !path.startsWith(root + sep)) {
      res.statusCode = 403
      res.end()
      return
    }
    let size = await fileAt(path)
    // Directories and client-side routes (no extension) get the app shell.
    const shell = size === undefined && (pathname.endsWith('/') || !extname(pathname))
    if (shell) {
      path = join(root, 'index.html')
      size = await fileAt(path)
    }
    if (size === undefined) {
      res.statusCode = 404
      res.setHeader('Content-Type', 'text/plain; charset=utf-8')
      res.end('404 Not Found\n')
      return
    }
    const immutable = !shell && pathname.includes('/assets/')
    res.statusCode = 200
    res.setHeader('Content-Type', MIME[extname(path).toLowerCase()] ?? 'application/octet-stream')
    res.setHeader('Content-Length', size)
    res.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
    if (req.method === 'HEAD') {
      res.end()
      return
    }
    createReadStream(path).on('error', () => res.destroy()).pipe(res)
  }
}
