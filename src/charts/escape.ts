/**
 * Feed strings are plain text. ECharts tooltips are HTML, so anything from the feed that goes
 * into a tooltip passes through here first.
 */
import { oneLine } from '~/figures/names.ts'

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&#39;' }

export function escapeHtml(text: unknown): string {
  return String(text).replace(/[&<>"']/g, c => entities[c]!)
}

/**
 * One line of a tooltip, escaped: line breaks, invisible characters and bidi controls out
 * (oneLine), so a U+202E in a name cannot reverse the figures after it on the line.
 */
export function tooltipText(text: unknown): string {
  return escapeHtml(oneLine(String(text)))
}

/**
 * A feed name as a tooltip's heading: whole, escaped, and in its own bidi isolate, so a name
 * written right to left keeps to itself.
 */
export function tooltipName(name: unknown): string {
  return `<bdi>${tooltipText(name)}</bdi>`
}
