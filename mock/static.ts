import type { IncomingMessage, ServerResponse } from 'node:http'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { extname, join, normalize, resolve, sep } from 'node:path'
import { etagMatches } from './etag.ts'

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

interface FileAt { size: number, etag: string }

async function fileAt(path: string): Promise<FileAt | undefined> {
  try {
    const s = await stat(path)
    // Like nginx: size and modification time, so a rewritten version.json gets a new validator.
    return s.isFile() ? { size: s.size, etag: `"${s.size.toString(16)}-${Math.floor(s.mtimeMs * 1000).toString(16)}"` } : undefined
  }
  catch {
    return undefined
  }
}

/**
 * Serves a built app from `dist`. Hashed files under `assets/` are cached for a year;
 * everything else (index.html, the runtime config and version.json beside it) is revalidated
 * on every load, with an ETag, so a redeploy or a config change reaches the wall screen on its
 * next reload and a wall asking whether version.json changed gets a 304 while it has not.
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
    let file = await fileAt(path)
    // Directories and client-side routes (no extension) get the app shell.
    const shell = file === undefined && (pathname.endsWith('/') || !extname(pathname))
    if (shell) {
      path = join(root, 'index.html')
      file = await fileAt(path)
    }
    if (file === undefined) {
      res.statusCode = 404
      res.setHeader('Content-Type', 'text/plain; charset=utf-8')
      res.end('404 Not Found\n')
      return
    }
    const immutable = !shell && pathname.includes('/assets/')
    res.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
    res.setHeader('ETag', file.etag)
    if (etagMatches(req.headers['if-none-match'], file.etag)) {
      res.statusCode = 304
      res.end()
      return
    }
    res.statusCode = 200
    res.setHeader('Content-Type', MIME[extname(path).toLowerCase()] ?? 'application/octet-stream')
    res.setHeader('Content-Length', file.size)
    if (req.method === 'HEAD') {
      res.end()
      return
    }
    createReadStream(path).on('error', () => res.destroy()).pipe(res)
  }
}
