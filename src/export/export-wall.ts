/**
 * The wall's export for meetings, fetched only when someone asks for it (a button, or
 * `?export=png` for scripts): the capture library and the staff words stay out of the wall's
 * initial JS. The screen is laid out at exactly 1920×1080 with its footer, the charts are
 * drawn at the export's own density, and each size is saved as a PNG.
 *
 * The store comes in from the wall rather than by import, and nothing here imports Vue: a lazy
 * chunk that imports Vue makes the bundler split Vue out of the wall's entry into a chunk of
 * its own, which costs the wall's initial JS more than the whole export button.
 */
import type { Footer, FooterInput } from './footer.ts'
import type { useCockpitStore } from '~/stores/cockpit.ts'
import type { WallScreen } from '~/wall/registry.ts'
import { loadStaffMessages, t } from '~/i18n/index.ts'
import { screenEntry } from '~/wall/registry.ts'
import { capturePng, chartRegions, screenDrawn } from './capture.ts'
import { EXPORT_PIXEL_RATIOS, exportDate, exportFileName } from './file-name.ts'
import { exportFooter } from './footer.ts'
import { provenanceLine, provenanceOf, screenSection, toPack } from './pack-slide.ts'
import { saveFile } from './save-file.ts'

type CockpitStore = ReturnType<typeof useCockpitStore>

export interface WallExport {
  store: CockpitStore
  /** The wall's canvas: what is copied. */
  wall: HTMLElement
  /** The screen shown when the copy is made (a `?view=group:g1` arrives with the feed's groups). */
  screen: () => WallScreen
  /** Its key (`overview`, `group:g1`), which names the file. */
  screenKey: () => string
  /** Puts the footer on the wall and holds the canvas at 1920×1080; null gives the screen back. */
  show: (footer: Footer | null) => void
  /**
   * `?export=png`, for scripts: wait until the feed is live, never saving a stale or failed
   * feed's picture (the wall's own status says why it waits), and leave the wall as exported.
   */
  auto: boolean
  /**
   * `files`: both sizes to the browser's downloads. `pack`: one 1920×1080 PNG handed to the
   * staff page that framed this wall (#/pack builds its slides so, with this very renderer).
   */
  to?: 'files' | 'pack'
}

const frame = () => new Promise(resolve => requestAnimationFrame(resolve))

/**
 * How long a screen may take to draw once the feed is live: a lazy screen's chunk, its charts
 * and their first frames, on a busy wall PC. Past it the export fails, saying why, rather than
 * save a blank or half-drawn image.
 */
export const SCREEN_DRAWN_MS = 30_000

function footerInput(store: CockpitStore, screen: WallScreen): FooterInput {
  const kept = Object.entries(store.sections)
    .filter(([, s]) => s.present && s.problems !== null && s.receivedAt !== null)
    .map(([section, s]) => ({ section: section as FooterInput['kept'][number]['section'], receivedAt: s.receivedAt! }))
  return {
    org: store.envelope?.meta?.org ?? null,
    screen,
    groups: store.models.groupIndex?.byId,
    countsAsOf: store.summary?.asOf ?? null,
    studyDate: store.study?.date ?? null,
    generatedAt: store.generatedAt,
    demo: store.demo,
    kept,
  }
}

/**
 * Saves the screen at 1920×1080 and 3840×2160; resolves with the names handed to the browser.
 * For the meeting pack's check of its own images, the wall carries each chart's box on the
 * design (`data-export-regions`, JSON) once saved, and why when the export failed
 * (`data-export-reason`).
 */
export async function exportWall(x: WallExport): Promise<string[]> {
  x.wall.removeAttribute('data-export-reason')
  x.wall.removeAttribute('data-export-regions')
  try {
    return await saveScreen(x)
  }
  catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    x.wall.setAttribute('data-export-reason', reason)
    if (x.to === 'pack')
      toPack({ type: 'hzfic-pack-slide', key: x.screenKey(), error: reason })
    throw error
  }
}

async function saveScreen(x: WallExport): Promise<string[]> {
  while (x.auto && (!x.store.hasData || x.store.stale))
    await new Promise(resolve => setTimeout(resolve, 250))
  // The first snapshot's headline and overview charts arrive ahead of the rest (a group's
  // chambers, the districts' sums, the oversight readings), which at 10× come seconds later: a
  // copy made between the two would be half-drawn. The pipe answers a query only after the take
  // it is working on has been handed over, so one cheap query waits for the whole snapshot.
  await x.store.query({ kind: 'chamber', id: '' }).catch(() => null)
  await frame()
  // The screen's component is a chunk of its own: until it has arrived the stage is empty.
  await Promise.all([loadStaffMessages(), screenEntry(x.screen().kind).component()])
  const store = x.store
  const date = exportDate(store.generatedAt, store.now)
  const names: string[] = []
  x.show(exportFooter(footerInput(store, x.screen()), t))
  try {
    // Vue lays the footer out before the next frame.
    await frame()
    await screenDrawn(x.wall, SCREEN_DRAWN_MS)
    if (x.to === 'pack') {
      const foot = provenanceLine(screenSection[x.screen().kind], provenanceOf(store), t)
      toPack({ type: 'hzfic-pack-slide', key: x.screenKey(), png: await capturePng(x.wall, 1), foot, countsAsOf: store.summary?.asOf ?? null })
      names.push(exportFileName(date, x.screenKey(), 1))
    }
    else {
      for (const ratio of EXPORT_PIXEL_RATIOS) {
        const name = exportFileName(date, x.screenKey(), ratio)
        saveFile(await capturePng(x.wall, ratio), name)
        names.push(name)
      }
    }
    x.wall.setAttribute('data-export-regions', JSON.stringify(chartRegions(x.wall)))
    return names
  }
  finally {
    if (!x.auto)
      x.show(null)
  }
}
