/**
 * How the pack's pages are made. Each slide is made by the app itself in a frame of this page,
 * at exactly 1920×1080: a wall screen by the very export `npm run snapshot` drives (`?export=pack`),
 * so the pack and the command line can never disagree; the ranking and a staff table by
 * #/pack/slide. A frame may read the feed as of a month's end (`?asOf=`), this page never. A page is then copied whole (its title, slide,
 * note and provenance foot) with the same capture, and the pages become an A4 landscape PDF
 * (pdf-lib: a page is its image, so Chinese needs no font in the PDF) and a zip of PNGs (fflate).
 */
import type { PackSlideMessage } from '~/export/pack-slide.ts'
import { zipSync } from 'fflate'
import { PDFDocument } from 'pdf-lib'
import { EXPORT_HEIGHT, EXPORT_WIDTH } from '~/export/file-name.ts'
import { paths } from '~/paths.ts'

/** How long one screen may take: the app's start, the feed, the screen's charts, on a busy PC. */
export const SCREEN_MS = 90_000

/** A slide as made in its frame: the picture, its foot's words, the day its counts are as of. */
export interface MadeSlide { png: Blob, foot: string[], countsAsOf: string | null }

/**
 * The frame's address: the framing page's own query (language, theme, palette, feed), asking
 * for one slide, as of a month's end or the latest: a wall screen by the wall's own export, any
 * other slide by #/pack/slide.
 */
function slideUrl(key: string, asOf: string | null): string {
  const q = new URLSearchParams(location.search)
  for (const own of ['export', 'view', 'rotate', 'kiosk', 'asOf'])
    q.delete(own)
  q.set('export', 'pack')
  if (asOf)
    q.set('asOf', asOf)
  const screen = key !== 'ranking' && !key.startsWith('table:')
  if (screen) {
    q.set('rotate', '0')
    q.set('view', key)
  }
  return `${location.pathname}?${q}${screen ? '' : `#${paths.packSlide(key)}`}`
}

/** One slide made by the app in a frame of this page, or why it could not be made. */
export function renderSlide(key: string, asOf: string | null, timeoutMs = SCREEN_MS): Promise<MadeSlide> {
  const frame = document.createElement('iframe')
  // In the window, under everything and unseen: a frame off the screen may not be drawn at all.
  Object.assign(frame.style, { position: 'fixed', left: '0', top: '0', width: `${EXPORT_WIDTH}px`, height: `${EXPORT_HEIGHT}px`, border: '0', opacity: '0', pointerEvents: 'none', zIndex: '-1' })
  frame.setAttribute('aria-hidden', 'true')
  frame.tabIndex = -1
  return new Promise<MadeSlide>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const done = () => {
      clearTimeout(timer)
      window.removeEventListener('message', onMessage)
      frame.remove()
    }
    timer = setTimeout(() => {
      done()
      reject(new Error(`${key}: timeout`))
    }, timeoutMs)
    function onMessage(e: MessageEvent) {
      // Only this frame speaks: any other window's message is not a slide.
      if (e.source !== frame.contentWindow || e.origin !== location.origin)
        return
      const m = e.data as PackSlideMessage
      if (m?.type !== 'hzfic-pack-slide' || m.key !== key)
        return
      done()
      if ('png' in m && m.png instanceof Blob)
        resolve({ png: m.png, foot: Array.isArray(m.foot) ? m.foot.map(String) : [], countsAsOf: typeof m.countsAsOf === 'string' ? m.countsAsOf : null })
      else reject(new Error('error' in m ? String(m.error) : key))
    }
    window.addEventListener('message', onMessage)
    frame.src = slideUrl(key, asOf)
    document.body.append(frame)
  })
}

/** A blob as a data: URL: the page's own policy lets images come from data:, never from blob:. */
export function dataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result))
    reader.onerror = () => reject(reader.error ?? new Error('read'))
    reader.readAsDataURL(blob)
  })
}

/** A4 landscape in PDF points. */
const A4: [number, number] = [841.89, 595.28]

/** The pages, each a PNG, as an A4 landscape PDF: each page its image, edge to edge. */
export async function packPdf(pages: readonly Uint8Array[], title: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  doc.setTitle(title)
  doc.setCreator('杭州市工商联 商会数字驾驶舱')
  for (const png of pages) {
    const image = await doc.embedPng(png)
    doc.addPage(A4).drawImage(image, { x: 0, y: 0, width: A4[0], height: A4[1] })
  }
  return doc.save()
}

/** The pages' PNGs in a zip, stored as they are: a PNG is compressed already. */
export function packZip(files: readonly { name: string, bytes: Uint8Array }[]): Uint8Array {
  return zipSync(Object.fromEntries(files.map(f => [f.name, [f.bytes, { level: 0 }] as const])))
}
