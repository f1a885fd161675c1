/**
 * The wall's initial JavaScript: the entry script and every module it preloads, as the
 * browser fetches them before the first figure can show. Lazy chunks are not counted.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

export interface InitialJs {
  files: { file: string, bytes: number, gzip: number }[]
  bytes: number
  gzip: number
}

export function initialJs(dist: string): InitialJs {
  const html = readFileSync(join(dist, 'index.html'), 'utf8')
  const refs = [
    ...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
  ].map(m => m[1]!.replace(/^\.?\//, ''))
  const files = [...new Set(refs)].map((file) => {
    const body = readFileSync(join(dist, file))
    return { file, bytes: body.length, gzip: gzipSync(body, { level: 9 }).length }
  })
  return {
    files,
    bytes: files.reduce((a, f) => a + f.bytes, 0),
    gzip: files.reduce((a, f) => a + f.gzip, 0),
  }
}
