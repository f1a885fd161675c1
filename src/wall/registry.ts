/**
 * The wall's screens as the rest of the cockpit sees them, all derived from the registry
 * (wall/screens/index.ts, one entry module a screen): the config's `rotate.views`, the type of
 * a screen, each screen's title and its component's props. Nothing here names a screen.
 */
import type { ScreenEntry, TitleWords, WallSettings } from './define-screen.ts'
import { wallScreens } from './screens/index.ts'

type Entry = typeof wallScreens[number]

/** What an operator lists in `rotate.views`. */
export type WallViewName = Entry['view']
export const wallViews: WallViewName[] = wallScreens.map(s => s.view)

/** One screen of the plan: its kind, and for a kind of many, which one (`{ kind: 'group', id: 'g1' }`). */
export type WallScreen = Entry extends infer E ? E extends ScreenEntry<infer Kind, string, infer Params> ? { kind: Kind } & Params : never : never

/**
 * An entry of whichever kind. Its functions take `any` screen: the wall only ever hands an entry
 * the screens its own `each` made, which its own declaration types.
 */
export type RegisteredScreen = ScreenEntry<string, string, any>

const byKind = new Map<string, RegisteredScreen>(wallScreens.map(s => [s.kind, s]))

export function screenEntry(kind: WallScreen['kind']): RegisteredScreen {
  return byKind.get(kind)!
}

/** What a screen is called: on its title line, and at the foot of its exported image. */
export function screenTitle(screen: WallScreen, words: TitleWords): string {
  return screenEntry(screen.kind).title(screen, words)
}

/** The props the wall gives a screen's component. */
export function screenProps(screen: WallScreen, config: WallSettings, words: TitleWords): object {
  return screenEntry(screen.kind).props(screen, { config, title: screenTitle(screen, words) })
}
