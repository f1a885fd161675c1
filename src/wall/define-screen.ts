/**
 * A wall screen, declared once: an entry module beside its component (wall/screens/<kind>.ts)
 * and one line in the list (wall/screens/index.ts). The rotation, the wall's choice of
 * component and its props, the export's footer, the config's `rotate.views` and the meeting
 * pack all read the entry (src/wall/registry.ts); none of them names a screen.
 */
import type { Component } from 'vue'
import type { Translate } from '~/i18n/translate.ts'

/** What the rotation knows of the feed when it plans the screens. */
export interface PlanFacts {
  /** The district groups, in feed order. */
  groupIds: readonly string[]
  /** Whether the feed sends series. */
  trends: boolean
}

/** What a screen's title may name: the locale's words and the feed's own names. */
export interface TitleWords {
  t: Translate
  /** The feed's district groups, by which a group's screen is called. */
  groups: ReadonlyMap<string, { readonly name: string }> | undefined
}

/**
 * The settings (src/config.ts) a screen's props read. Spelled out rather than taken from
 * CockpitConfig, whose `rotate.views` is typed by this registry: the types would chase each
 * other. The wall hands over its CockpitConfig: a setting renamed there fails to compile there.
 */
export interface WallSettings {
  maskNames: boolean
  timeoutSeconds: number
  districtGeoJsonUrl?: string | undefined
  districtNameProperty: string
}

/** What the wall hands an entry's `props`. */
export interface WallContext {
  config: WallSettings
  /** The screen's title (its entry's `title`), for a screen with a title line. */
  title: string
}

/** The dates a screen's figures rest on, named in its exported image's footer. */
export interface FooterDates {
  counts: boolean
  study: boolean
}

/** A screen kind, as `defineScreen` registers it. */
export interface ScreenEntry<Kind extends string = string, View extends string = string, Params extends object = object> {
  readonly kind: Kind
  /** Its name in config.json's `rotate.views`. */
  readonly view: View
  readonly footer: FooterDates
  /** Its screens in the plan, in order: one, one per group, or none while the feed lacks what it shows. */
  each: (feed: PlanFacts) => readonly Params[]
  /** What tells its screens apart: `g1` of the key `group:g1`. Absent for a kind with one screen. */
  key?: (screen: Params) => string
  title: (screen: Params, words: TitleWords) => string
  /** Its component, a chunk of its own that the wall fetches when the screen is first shown. */
  component: () => Promise<{ default: Component }>
  props: (screen: Params, wall: WallContext) => object
}

/** A component's props as its callers pass them. */
type PropsOf<C> = C extends abstract new (...args: never) => { $props: infer P extends object } ? P : never

/**
 * Declares a screen kind. `props` is checked against the component's own props, so an entry
 * and its component cannot drift apart.
 */
export function defineScreen<Kind extends string, C extends Component, Params extends object = Record<never, never>, View extends string = Kind>(entry: {
  kind: Kind
  /** Its name in `rotate.views` when that is not its kind (`groups`: one `group` screen each). */
  view?: View
  footer: FooterDates
  /** One screen when left out. */
  each?: (feed: PlanFacts) => readonly Params[]
  key?: (screen: Params) => string
  title: (screen: Params, words: TitleWords) => string
  component: () => Promise<{ default: C }>
  props: (screen: Params, wall: WallContext) => PropsOf<C>
}): ScreenEntry<Kind, View, Params> {
  return {
    ...entry,
    view: (entry.view ?? entry.kind) as View,
    each: entry.each ?? (() => [{} as Params]),
  }
}
