/**
 * When a wall may reload itself (a new build, the daily soft reload): at a moment nobody would
 * notice. Pure: the clock, the pointer and the rotation are handed in.
 */

/** Input this recent means someone is at the pointer or the keyboard: no reload under their hands. */
export const QUIET_AFTER_MS = 60_000

export interface Moment {
  /** Time since the last pointer, key, touch or wheel input. */
  sinceInputMs: number
  /** Nobody can see a hidden page: reloading it interrupts no one. */
  hidden: boolean
  /** A rotation runs on screen: only its turns are quiet, never the middle of a screen's dwell. */
  rotating: boolean
  /** This moment is a rotation's turn: one screen's dwell has just ended. */
  turn: boolean
}

export function isQuietMoment(m: Moment): boolean {
  if (m.hidden)
    return true
  if (m.sinceInputMs < QUIET_AFTER_MS)
    return false
  return !m.rotating || m.turn
}
