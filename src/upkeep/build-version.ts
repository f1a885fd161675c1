/**
 * Which build the page runs and which one the server has. The build writes the same id into
 * index.html (`<meta name="cockpit-build">`) and into version.json beside it
 * (scripts/version-file.ts): the page knows exactly what it runs, and a deploy shows as another
 * id in version.json, which is asked for with the validators of the last answer (a 304 is cheap).
 */
import type { Taken } from '~/feed/poller.ts'
import { notJsonReason } from '~/feed/reasons.ts'

export const BUILD_META = 'cockpit-build'
export const VERSION_FILE = 'version.json'
const MAX_BUILD_CHARS = 100

/** The build this page was loaded from; null on the dev server, which writes none. */
export function ownBuild(doc: Document): string | null {
  return doc.querySelector<HTMLMetaElement>(`meta[name="${BUILD_META}"]`)?.content || null
}

/** The build a version file names, or null when the text is not one. */
export function buildIn(text: string): string | null {
  let value: unknown
  try {
    value = JSON.parse(text)
  }
  catch {
    return null
  }
  const build = (value as { version?: unknown } | null)?.version
  return typeof build === 'string' && build.length > 0 && build.length <= MAX_BUILD_CHARS ? build : null
}

/**
 * Whether the build the server names should replace this page: another build than the one
 * running, and not one this tab has already reloaded for. A proxy that still hands out the old
 * index.html must cost one reload, not one at every turn of the rotation.
 */
export function isNewBuild(served: string, running: string, reloadedFor: string | null): boolean {
  return served !== running && served !== reloadedFor
}

/**
 * One look at version.json, for the poller: the build it names when it was sent, null when it
 * did not change (304). A missing file (the dev server) is a quiet failure.
 */
export function buildCheck(url: string, fetcher: typeof fetch = fetch) {
  let etag: string | null = null
  let modified: string | null = null
  return async (signal: AbortSignal): Promise<Taken<string | null>> => {
    const headers: Record<string, string> = {}
    if (etag)
      headers['If-None-Match'] = etag
    else if (modified)
      headers['If-Modified-Since'] = modified
    let res: Response
    try {
      // no-store: the validators are ours, so the 304 reaches this code instead of the cache's copy.
      res = await fetcher(url, { cache: 'no-store', headers, signal })
    }
    catch {
      return { ok: false, reason: { code: 'network' }, value: null }
    }
    if (res.status === 304)
      return { ok: true, value: null }
    if (!res.ok)
      return { ok: false, reason: { code: 'http', status: res.status }, value: null }
    const text = await res.text()
    const build = buildIn(text)
    if (build === null)
      return { ok: false, reason: notJsonReason(text), value: null }
    etag = res.headers.get('ETag')
    modified = res.headers.get('Last-Modified')
    return { ok: true, value: build }
  }
}
