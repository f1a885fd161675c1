/**
 * What the wall tells the app's upkeep (src/app/use-upkeep.ts): which screen it shows, for the
 * heartbeat, and when a rotation screen's dwell ends — the moment a pending reload may take.
 */
import type { InjectionKey } from 'vue'

export interface WallTurns {
  /** The wall's screen and whether it rotates; `null` when the wall has left the page. */
  shown: (screen: string | null, rotating: boolean) => void
  /** A dwell has ended: true when the page reloads now, so the rotation holds its screen. */
  turn: () => boolean
}

export const wallTurnsKey: InjectionKey<WallTurns> = Symbol('wall turns')
