/**
 * The feed's status line as a reader sees it, on the wall's header and on a staff page's: the
 * lead words (数据已停止更新, 无法获取数据, 实时), the line they open, the reason, and whether
 * the lead is there whole — not cut, not off the screen, not covered by the clock note.
 */
import type { Page } from 'playwright-core'

export interface FeedLine {
  lead: string
  /** The lead and the time of the figures: "无法获取数据 · 最后更新 14:00:05". */
  line: string
  reason: string
  /** The lead is drawn whole, on screen, and on top where it is. */
  leadWhole: boolean
  /** The line after the lead (the time) is not cut either. */
  lineWhole: boolean
}

const parts = {
  wall: { lead: '[data-testid="feed-lead"]', line: '[data-testid="feed-status"] .text', reason: '[data-testid="feed-reason"]' },
  staff: { lead: '[data-testid="staff-feed-lead"]', line: '[data-testid="staff-feed-status"] .feed-line', reason: '[data-testid="staff-feed-status"] .reason' },
}

export async function feedLine(page: Page, where: keyof typeof parts): Promise<FeedLine> {
  return page.evaluate((p) => {
    const text = (sel: string) => document.querySelector(sel)?.textContent?.replace(/\s+/g, ' ').trim() ?? ''
    const uncut = (el: Element | null) => !!el && el.scrollWidth <= el.clientWidth + 1
    const lead = document.querySelector(p.lead)
    const line = document.querySelector(p.line)
    let leadWhole = uncut(lead)
    if (lead) {
      const r = lead.getBoundingClientRect()
      const onScreen = r.width > 0 && r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight
      // Nothing drawn over it: the element at its middle is the lead itself.
      const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)
      leadWhole &&= onScreen && !!top && lead.contains(top)
      // The reason (and the clock note in it) never lies over the lead: each of its line boxes,
      // as an inline reason wraps on a staff page, is beside or below it.
      for (const box of document.querySelector(p.reason)?.getClientRects() ?? [])
        // (half a pixel of slack: a scaled wall puts the two lines edge to edge, to float precision)
        leadWhole &&= box.bottom <= r.top + 0.5 || box.top >= r.bottom - 0.5 || box.right <= r.left + 0.5 || box.left >= r.right - 0.5
    }
    // The staff header keeps the lead and time on one line that does not wrap: it is whole when on one line and on screen.
    const lineWhole = !!line && [...line.children].every(uncut) && line.getBoundingClientRect().right <= innerWidth
    return { lead: text(p.lead), line: text(p.line), reason: text(p.reason), leadWhole, lineWhole }
  }, parts[where])
}
