/**
 * The operator's district boundaries, fetched once per page (the first time a district screen
 * is shown), checked (figures/geojson.ts) and registered for the map series. Every later screen
 * reads the outcome at once, so a turn of the rotation never flickers back to the tiles.
 */
import type { GeoProblem } from '~/figures/geojson.ts'
import { shallowRef } from 'vue'
import { registerDistrictMap } from '~/charts/setup-tiles.ts'
import { geoLimits, readDistrictGeo } from '~/figures/geojson.ts'

/** Where the file is and how to read it: from config.json (the URL already passed its allow-list). */
export interface GeoSource {
  url: string
  nameProperty: string
  timeoutSeconds: number
}

/** `geo`: registered and drawn; `tiles` with the reason it is not; null while it is fetched. */
export type GeoOutcome = { map: 'geo' } | { map: 'tiles', problem: GeoProblem }

export const geoOutcome = shallowRef<GeoOutcome | null>(null)
let started = false

async function fetchGeo(source: GeoSource): Promise<GeoOutcome> {
  const base = new URL(import.meta.env.BASE_URL, document.baseURI)
  const abort = new AbortController()
  const timer = setTimeout(() => abort.abort(), source.timeoutSeconds * 1000)
  try {
    const res = await fetch(new URL(source.url, base), { signal: abort.signal, credentials: 'same-origin' })
    if (!res.ok)
      return { map: 'tiles', problem: { kind: 'http', status: res.status } }
    // A declared size over the bound is refused before a byte of the body is read.
    if (Number(res.headers.get('content-length') ?? 0) > geoLimits.bytes) {
      abort.abort()
      return { map: 'tiles', problem: { kind: 'tooLarge', limitMb: geoLimits.bytes / 1024 / 1024 } }
    }
    const read = readDistrictGeo(await res.text(), source.nameProperty)
    if ('problem' in read)
      return { map: 'tiles', problem: read.problem }
    registerDistrictMap(read.geo)
    return { map: 'geo' }
  }
  catch {
    return { map: 'tiles', problem: abort.signal.aborted ? { kind: 'timeout', seconds: source.timeoutSeconds } : { kind: 'unreadable' } }
  }
  finally {
    clearTimeout(timer)
  }
}

/** Starts the one fetch of this page; later calls only read `geoOutcome`. */
export function loadDistrictGeo(source: GeoSource): void {
  if (started)
    return
  started = true
  void fetchGeo(source).then(outcome => geoOutcome.value = outcome)
}
