/**
 * What the data service asks of a wall in the answer to its heartbeat (walls.ts): reload, or
 * take these settings. Each command has an id and is applied once, even when the service hands
 * it out again because the beat reporting it was lost; its result is reported until a beat that
 * carries it is taken, across the reload the command itself caused. Both are kept in
 * localStorage per screenId, as are the settings, which config.ts reads at start as a layer over
 * config.json and the query. Nothing here reloads or reads the page: use-upkeep.ts does.
 */
import type { TakenCommand } from '~/upkeep/heartbeat.ts'
import type { CommandResult } from '~/walls.ts'
import * as v from 'valibot'
import { BEAT_TEXT_MAX, commandResult } from '~/walls.ts'

export type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

/** Command ids (and their results) remembered per wall: far more than are ever waiting at once. */
export const MAX_REMEMBERED = 100
/** What a wall answers to a command of a type it does not know (a newer service, an older build). */
export const UNSUPPORTED = '不支持的指令'
/** Without storage a result cannot outlive the reload, and the service would send the reload again, for ever. */
export const NO_STORAGE = '浏览器存储不可用，未执行'
export const NOT_SETTINGS = '设置不是对象，未执行'
export const SUPERSEDED = '已由随后的设置指令取代'

const SETTINGS_PREFIX = 'cockpit.wallSettings.'
const BOOK_PREFIX = 'cockpit.wallCommands.'

/** The key of a wall's settings from the service; walls sharing one browser (`?screen=`) keep their own. */
export function wallSettingsKey(screenId: string | null): string {
  return `${SETTINGS_PREFIX}${screenId ?? ''}`
}

/** localStorage where the browser offers it; null where it throws (a locked-down profile) or there is none (node). */
export function browserStorage(): StorageLike | null {
  try {
    return globalThis.localStorage ?? null
  }
  catch {
    return null
  }
}

/** The settings the service last sent this wall, as stored (still unchecked); undefined when none. */
export function readWallSettings(storage: StorageLike | null, screenId: string | null): unknown {
  try {
    const text = storage?.getItem(wallSettingsKey(screenId))
    return text == null ? undefined : JSON.parse(text) as unknown
  }
  catch {
    // Unreadable JSON is still the service's settings: the layer names it as such.
    return null
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * The result of a settings command, once the wall has started with them: done, with the clamps
 * and fallbacks named, when any of it took; failed when there was something and none of it did.
 */
export function settingsResult(id: number, applied: number, notes: readonly string[]): CommandResult {
  const message = notes.length ? notes.join('；').slice(0, BEAT_TEXT_MAX) : null
  return { id, ok: applied > 0 || notes.length === 0, message }
}

const id = v.pipe(v.number(), v.integer(), v.minValue(1))
// A fresh array each time: the book pushes into what it read.
const none = () => []
const bookSchema = v.object({
  applied: v.fallback(v.array(id), none),
  results: v.fallback(v.array(v.object({ ...commandResult.entries, reported: v.boolean() })), none),
  /** Settings commands whose result is known only once the wall has started with them. */
  awaiting: v.fallback(v.array(id), none),
})
type Book = v.InferOutput<typeof bookSchema>

export interface WallCommandBook {
  /** Results no beat has delivered yet, oldest first. */
  outbox: () => CommandResult[]
  /** A beat carrying these results was taken (2xx): they are not sent again. */
  delivered: (ids: readonly number[]) => void
  /** At start: the settings commands applied before the reload get their result. */
  settle: (result: (id: number) => CommandResult) => void
  /** Applies the commands of one answer; `reload` when the page must now reload (the results are stored first). */
  take: (commands: readonly TakenCommand[]) => { reload: boolean }
}

export interface WallCommandsOptions {
  screenId: string | null
  /** @default localStorage, or none */
  storage?: StorageLike | null
}

export function createWallCommands({ screenId, storage = browserStorage() }: WallCommandsOptions): WallCommandBook {
  const key = `${BOOK_PREFIX}${screenId ?? ''}`
  const book = load()

  function load(): Book {
    try {
      const text = storage?.getItem(key)
      const parsed = v.safeParse(bookSchema, text == null ? {} : JSON.parse(text))
      if (parsed.success)
        return parsed.output
    }
    catch {}
    return { applied: [], results: [], awaiting: [] }
  }

  /** True when the book is stored and will be there after a reload. */
  function save(): boolean {
    book.applied = book.applied.slice(-MAX_REMEMBERED)
    book.results = book.results.slice(-MAX_REMEMBERED)
    try {
      if (!storage)
        return false
      storage.setItem(key, JSON.stringify(book))
      return true
    }
    catch {
      return false
    }
  }

  /** A command's result, in the order the commands came; a second word on one replaces the first. */
  function record(result: CommandResult): void {
    const entry = { ...result, reported: false }
    const at = book.results.findIndex(r => r.id === result.id)
    if (at < 0)
      book.results.push(entry)
    else book.results[at] = entry
  }

  /** Settings stored for the next start; `{}` clears them, and the wall is back on its own config. */
  function storeSettings(settings: Record<string, unknown>): boolean {
    try {
      if (!storage)
        return false
      if (Object.keys(settings).length === 0)
        storage.removeItem(wallSettingsKey(screenId))
      else storage.setItem(wallSettingsKey(screenId), JSON.stringify(settings))
      return true
    }
    catch {
      return false
    }
  }

  return {
    outbox: () => book.results.filter(r => !r.reported).map(({ id, ok, message }) => ({ id, ok, message })),
    delivered(ids) {
      const taken = new Set(ids)
      let changed = false
      for (const r of book.results) {
        if (taken.has(r.id) && !r.reported) {
          r.reported = true
          changed = true
        }
      }
      if (changed)
        save()
    },
    settle(result) {
      if (book.awaiting.length === 0)
        return
      for (const awaited of book.awaiting)
        record(result(awaited))
      book.awaiting = []
      save()
    },
    take(commands) {
      if (commands.length === 0)
        return { reload: false }
      let reload = false
      const applying: number[] = []
      for (const command of commands) {
        if (book.applied.includes(command.id)) {
          // Applied already: its report was lost. Say it again; never apply it twice.
          const known = book.results.find(r => r.id === command.id)
          if (known)
            known.reported = false
          continue
        }
        book.applied.push(command.id)
        if (command.type === 'unsupported') {
          record({ id: command.id, ok: false, message: UNSUPPORTED })
        }
        else if (command.type === 'reload') {
          record({ id: command.id, ok: true, message: null })
          applying.push(command.id)
          reload = true
        }
        else if (!isObject(command.settings)) {
          record({ id: command.id, ok: false, message: NOT_SETTINGS })
        }
        else if (!storeSettings(command.settings)) {
          record({ id: command.id, ok: false, message: NO_STORAGE })
        }
        else {
          // Two settings in one answer: the later replaced the earlier before either took effect.
          for (const earlier of book.awaiting)
            record({ id: earlier, ok: true, message: SUPERSEDED })
          book.awaiting = [command.id]
          applying.push(command.id)
          reload = true
        }
      }
      if (save())
        return { reload }
      // Nothing outlives a reload now: no reload, and what needed one is reported as not done.
      for (const applied of applying)
        record({ id: applied, ok: false, message: NO_STORAGE })
      book.awaiting = []
      return { reload: false }
    },
  }
}
