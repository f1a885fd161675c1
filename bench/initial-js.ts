/**
 * The wall's initial JavaScript: the entry script and every module it preloads, as the
 * browser fetches them before the first figure can show; and, since every wall screen is a
 * chunk of its own, the first screen's chunks on top (the overview's, and what it imports that
 * the entry did not bring). Other lazy chunks are not counted.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

export interface JsFiles {
  files: { file: string, bytes: number, gzip: number }[]
  bytes: number
  gzip: number
}

export interface InitialJs extends JsFiles {
  /** The first screen's chunks the entry does not already bring; absent in results made before screens were chunks. */
  firstScreen?: JsFiles
}

function measured(dist: string, names: Iterable<string>): JsFiles {
  const files = [...names].map((file) => {
    const body = readFileSync(join(dist, file))
    return { file, bytes: body.length, gzip: gzipSync(body, { level: 9 }).length }
  })
  return { files, bytes: files.reduce((a, f) => a + f.bytes, 0), gzip: files.reduce((a, f) => a + f.gzip, 0) }
}

/** A chunk and every chunk it imports statically (the bundler writes `from"./x.js"` and `import"./x.js"`). */
function closure(dist: string, file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file))
    return seen
  seen.add(file)
  const body = readFileSync(join(dist, file), 'utf8')
  for (const m of body.matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g))
    closure(dist, `assets/${m[1]!}`, seen)
  return seen
}

export function initialJs(dist: string, firstScreen = 'OverviewScreen'): InitialJs {
  const html = readFileSync(join(dist, 'index.html'), 'utf8')
  const refs = [
    ...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
  ].map(m => m[1]!.replace(/^\.?\//, ''))
  const initial = new Set(refs)
  const screen = new RegExp(`^${firstScreen}-[\\w-]+\\.js$`)
  const chunk = readdirSync(join(dist, 'assets')).find(f => screen.test(f))
  const extra = chunk ? [...closure(dist, `assets/${chunk}`)].filter(f => !initial.has(f)) : []
  return { ...measured(dist, initial), ...(chunk ? { firstScreen: measured(dist, extra) } : {}) }
}
