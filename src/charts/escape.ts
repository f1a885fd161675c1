/**
 * Feed strings are plain text. ECharts tooltips are HTML, so anything from the feed that goes
 * into a tooltip passes through here first.
 */
const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&#39;' }

export function escapeHtml(text: unknown): string {
  return String(text).replace(/[&<>"']/g, c => entities[c]!)
}
