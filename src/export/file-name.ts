/**
 * Names of exported files: the feed's day first, so a folder of daily meeting packs sorts by
 * date, then the screen — `2026-12-01-overview.png`, `2026-12-01-group-g1-3840x2160.png`,
 * `2026-12-01-oversight.pdf`. Pure; the snapshot CLI names its PDF with the same function.
 */
import { shanghaiDate } from '~/time.ts'

/** The design size; a larger export names its size, the design one needs none. */
export const EXPORT_WIDTH = 1920
export const EXPORT_HEIGHT = 1080
/** 1920×1080 and 3840×2160. */
export const EXPORT_PIXEL_RATIOS = [1, 2] as const

/** The Shanghai day of the data: the feed's generatedAt, or now while there is none. */
export function exportDate(generatedAt: number | null, now: number): string {
  return shanghaiDate(generatedAt ?? now)
}

/**
 * `overview`, `group:g1` → a file-name part. Group ids come from the feed: anything but
 * letters, digits, `-` and `_` becomes `_`, so no id can reach another folder or a reserved name.
 */
export function screenSlug(screenKey: string): string {
  return screenKey.replace(/:/, '-').replace(/[^\w-]/g, '_').slice(0, 60)
}

export function exportFileName(date: string, screenKey: string, pixelRatio: number, ext: 'png' | 'pdf' = 'png'): string {
  const size = pixelRatio === 1 ? '' : `-${EXPORT_WIDTH * pixelRatio}x${EXPORT_HEIGHT * pixelRatio}`
  return `${date}-${screenSlug(screenKey)}${size}.${ext}`
}
