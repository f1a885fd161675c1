/**
 * What a wall does with the data service's commands: each applied once, its result reported
 * until a beat carrying it is taken, across the reload it caused; and the settings an admin
 * sent, read at start as a layer over config.json and the query, checked and clamped as the
 * file is, named on screen when bad, and never reaching anything but the rotation, the theme
 * and the name masking.
 */
import type { StorageLike } from '~/upkeep/wall-commands.ts'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { configProblemText, serviceSettingsNotes } from '~/components/config-words.ts'
import { defaultConfig, loadConfig, parseConfig, serviceLayer } from '~/config.ts'
import { readAnswer } from '~/upkeep/heartbeat.ts'
import { createWallCommands, MAX_REMEMBERED, NO_STORAGE, NOT_SETTINGS, readWallSettings, settingsResult, SUPERSEDED, UNSUPPORTED, wallSettingsKey } from '~/upkeep/wall-commands.ts'
import { en, zh } from '../fixtures/words.ts'

/** localStorage as a map; `full` makes every write throw, as a full or locked-down store does. */
function fakeStorage() {
  const items = new Map<string, string>()
  const s = {
    items,
    full: false,
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, value: string) => {
      if (s.full)
        throw new DOMException('full', 'QuotaExceededError')
      items.set(k, value)
    },
    removeItem: (k: string) => void items.delete(k),
  }
  return s satisfies StorageLike
}

const answer = (...commands: unknown[]) => readAnswer(JSON.stringify({ commands }))

describe('the commands of a beat\'s answer', () => {
  it('reloads for a reload, its result stored first and reported after the reload until a beat carrying it is taken', () => {
    const storage = fakeStorage()
    const before = createWallCommands({ screenId: 'hall-2f', storage })
    expect(before.take(answer({ id: 5, type: 'reload' }))).toEqual({ reload: true })
    // The page that loads next reads the same store.
    const after = createWallCommands({ screenId: 'hall-2f', storage })
    expect(after.outbox()).toEqual([{ id: 5, ok: true, message: null }])
    // A beat carrying it failed: it is still waiting; another wall's book knows nothing of it.
    expect(after.outbox()).toHaveLength(1)
    expect(createWallCommands({ screenId: 'lobby', storage }).outbox()).toEqual([])
    after.delivered([5])
    expect(after.outbox()).toEqual([])
    expect(createWallCommands({ screenId: 'hall-2f', storage }).outbox()).toEqual([])
  })

  it('applies a command handed out twice once, and reports its result again', () => {
    const storage = fakeStorage()
    const book = createWallCommands({ screenId: 'hall-2f', storage })
    expect(book.take(answer({ id: 5, type: 'reload' })).reload).toBe(true)
    book.delivered([5])
    // The beat that reported it was taken but its record was lost: the service sends it again.
    const reloaded = createWallCommands({ screenId: 'hall-2f', storage })
    expect(reloaded.take(answer({ id: 5, type: 'reload' }))).toEqual({ reload: false })
    expect(reloaded.outbox()).toEqual([{ id: 5, ok: true, message: null }])
    // The same for settings: not stored again, no second reload.
    expect(reloaded.take(answer({ id: 6, type: 'settings', settings: { theme: 'light' } })).reload).toBe(true)
    storage.removeItem(wallSettingsKey('hall-2f'))
    expect(reloaded.take(answer({ id: 6, type: 'settings', settings: { theme: 'light' } })).reload).toBe(false)
    expect(readWallSettings(storage, 'hall-2f')).toBeUndefined()
  })

  it('answers a command of a type it does not know with 不支持的指令, and reloads for none of it', () => {
    const book = createWallCommands({ screenId: 'hall-2f', storage: fakeStorage() })
    expect(book.take(answer({ id: 9, type: 'shutdown' }))).toEqual({ reload: false })
    expect(book.outbox()).toEqual([{ id: 9, ok: false, message: UNSUPPORTED }])
    expect(UNSUPPORTED).toBe('不支持的指令')
  })

  it('ignores malformed answers and commands without an id', () => {
    const storage = fakeStorage()
    const book = createWallCommands({ screenId: 'hall-2f', storage })
    for (const bad of ['', 'null', '{"commands":5}', '{"commands":[{"type":"reload"},{"id":-1,"type":"reload"},{"id":"2","type":"reload"}]}'])
      expect(book.take(readAnswer(bad)), bad).toEqual({ reload: false })
    expect(book.outbox()).toEqual([])
    expect([...storage.items.keys()]).toEqual([])
  })

  it('stores settings per wall, replacing the last; {} clears them', () => {
    const storage = fakeStorage()
    const book = createWallCommands({ screenId: 'hall-2f', storage })
    expect(book.take(answer({ id: 1, type: 'settings', settings: { theme: 'light', rotate: { dwellSeconds: 20 } } })).reload).toBe(true)
    expect(readWallSettings(storage, 'hall-2f')).toEqual({ theme: 'light', rotate: { dwellSeconds: 20 } })
    expect(storage.getItem('cockpit.wallSettings.hall-2f')).not.toBeNull()
    expect(readWallSettings(storage, 'lobby')).toBeUndefined()
    book.take(answer({ id: 2, type: 'settings', settings: { maskNames: false } }))
    expect(readWallSettings(storage, 'hall-2f')).toEqual({ maskNames: false })
    book.take(answer({ id: 3, type: 'settings', settings: {} }))
    expect(readWallSettings(storage, 'hall-2f')).toBeUndefined()
  })

  it('refuses settings that are not an object, without storing or reloading', () => {
    const storage = fakeStorage()
    const book = createWallCommands({ screenId: 'hall-2f', storage })
    expect(book.take(answer({ id: 1, type: 'settings', settings: ['theme'] })).reload).toBe(false)
    expect(book.take(answer({ id: 2, type: 'settings', settings: null })).reload).toBe(false)
    expect(book.outbox()).toEqual([{ id: 1, ok: false, message: NOT_SETTINGS }, { id: 2, ok: false, message: NOT_SETTINGS }])
    expect(readWallSettings(storage, 'hall-2f')).toBeUndefined()
  })

  it('gives settings their result once the wall has started with them', () => {
    const storage = fakeStorage()
    createWallCommands({ screenId: 'hall-2f', storage }).take(answer(
      { id: 1, type: 'settings', settings: { theme: 'light' } },
      { id: 2, type: 'settings', settings: { rotate: { dwellSeconds: 1 } } },
    ))
    // Not before: what the wall makes of them is known only at its next start.
    const book = createWallCommands({ screenId: 'hall-2f', storage })
    expect(book.outbox()).toEqual([{ id: 1, ok: true, message: SUPERSEDED }])
    const ids: number[] = []
    book.settle((id) => {
      ids.push(id)
      return settingsResult(id, 1, ['clamped'])
    })
    expect(ids).toEqual([2])
    expect(book.outbox()).toEqual([{ id: 1, ok: true, message: SUPERSEDED }, { id: 2, ok: true, message: 'clamped' }])
    // Settled once: the start after that has nothing more to say of them.
    const later = createWallCommands({ screenId: 'hall-2f', storage })
    later.settle(() => expect.unreachable())
    expect(later.outbox()).toHaveLength(2)
  })

  it('never reloads when nothing would outlive the reload: the service would send it again, for ever', () => {
    for (const storage of [null, Object.assign(fakeStorage(), { full: true })]) {
      const book = createWallCommands({ screenId: 'hall-2f', storage })
      expect(book.take(answer({ id: 1, type: 'reload' }, { id: 2, type: 'settings', settings: { theme: 'light' } }))).toEqual({ reload: false })
      expect(book.outbox()).toEqual([{ id: 1, ok: false, message: NO_STORAGE }, { id: 2, ok: false, message: NO_STORAGE }])
      // Still applied once, in memory.
      expect(book.take(answer({ id: 1, type: 'reload' }))).toEqual({ reload: false })
    }
  })

  it('remembers the last hundred commands, and keeps reading a store it cannot parse', () => {
    const storage = fakeStorage()
    const book = createWallCommands({ screenId: 'hall-2f', storage })
    for (let id = 1; id <= 150; id++)
      book.take(answer({ id, type: 'shutdown' }))
    const stored = JSON.parse(storage.getItem('cockpit.wallCommands.hall-2f')!) as { applied: number[], results: unknown[] }
    expect(stored.applied).toHaveLength(MAX_REMEMBERED)
    expect(stored.applied[0]).toBe(51)
    expect(stored.results).toHaveLength(MAX_REMEMBERED)
    storage.setItem('cockpit.wallCommands.hall-2f', '{not json')
    expect(createWallCommands({ screenId: 'hall-2f', storage }).outbox()).toEqual([])
  })

  it('reads stored settings as they were sent; garbage is still the service\'s, for the layer to name', () => {
    const storage = fakeStorage()
    storage.setItem(wallSettingsKey('hall-2f'), '{oops')
    expect(readWallSettings(storage, 'hall-2f')).toBeNull()
    expect(readWallSettings(null, 'hall-2f')).toBeUndefined()
  })
})

describe('the settings of the data service', () => {
  const words = (problems: Parameters<typeof serviceSettingsNotes>[0]) => problems.map(p => configProblemText(zh, p))

  it('apply over config.json', () => {
    const { config, problems } = parseConfig({ theme: 'dark', rotate: { views: ['overview', 'rankings'] } }, '', undefined, { theme: 'light', maskNames: false, rotate: { enabled: true, dwellSeconds: 45 } })
    expect(problems).toEqual([])
    expect(config.theme).toBe('light')
    expect(config.maskNames).toBe(false)
    // A part of the rotation changes the part, not the rest.
    expect(config.rotate).toEqual({ enabled: true, views: ['overview', 'rankings'], dwellSeconds: 45 })
  })

  it('win over the query too: an admin\'s later choice over the URL the wall was set up with', () => {
    const { config } = parseConfig({}, '?theme=light&rotate=20&mask=0', undefined, { theme: 'dark', maskNames: true, rotate: { dwellSeconds: 40 } })
    expect(config.theme).toBe('dark')
    expect(config.maskNames).toBe(true)
    expect(config.rotate).toMatchObject({ enabled: true, dwellSeconds: 40 })
  })

  it('are clamped as config.json is, and the clamp is named as the service\'s', () => {
    const low = parseConfig({}, '', undefined, { rotate: { dwellSeconds: 1 } })
    expect(low.config.rotate.dwellSeconds).toBe(5)
    expect(words(low.problems)).toEqual(['数据服务下发的设置 rotate.dwellSeconds 为 1，已按下限改为 5'])
    const high = parseConfig({}, '', undefined, { rotate: { dwellSeconds: 86_400 } })
    expect(high.config.rotate.dwellSeconds).toBe(3600)
    expect(words(high.problems)).toEqual(['数据服务下发的设置 rotate.dwellSeconds 为 86400，已按上限改为 3600'])
    expect(high.problems.map(p => configProblemText(en, p))).toEqual(['setting rotate.dwellSeconds from the data service is 86400; lowered to the maximum, 3600'])
  })

  it('of the wrong kind fall back, named, and the wall keeps its own', () => {
    const bad = parseConfig({}, '', undefined, { theme: 'blue', maskNames: 'no', rotate: { views: ['overview', 'lobby'], enabled: 1 } })
    expect([bad.config.theme, bad.config.maskNames, bad.config.rotate]).toEqual([defaultConfig.theme, defaultConfig.maskNames, defaultConfig.rotate])
    expect(words(bad.problems)).toEqual([
      '数据服务下发的设置 theme 的值 blue 无效，已忽略，沿用本机设置',
      '数据服务下发的设置 maskNames 的值 no 无效，已忽略，沿用本机设置',
      '数据服务下发的设置 rotate.views.1 的值 lobby 无效，已忽略，沿用本机设置',
      '数据服务下发的设置 rotate.enabled 的值 1 无效，已忽略，沿用本机设置',
    ])
    // Where config.json set it, that is what is kept.
    expect(parseConfig({ theme: 'light' }, '', undefined, { theme: 'blue' }).config.theme).toBe('light')
    expect(parseConfig({}, '', undefined, 'theme=light').problems.map(p => configProblemText(zh, p))).toEqual(['数据服务下发的设置无法读取，已忽略'])
  })

  it('never reach the feed, the heartbeat or anything but the rotation, the theme and the name masking', () => {
    const base = 'https://wall.example.gov.cn/cockpit/'
    const own = { feedUrl: 'feed/cockpit.json', heartbeatUrl: 'api/heartbeat', screenId: 'hall-2f', heartbeatKey: 'k' }
    const attempt = {
      feedUrl: 'https://evil.example.com/f.json',
      heartbeatUrl: 'https://evil.example.com/beat',
      allowedFeedOrigins: ['https://evil.example.com'],
      screenId: 'other',
      heartbeatKey: 'x',
      kiosk: true,
      locale: 'en',
      title: '假标题',
      __proto__: { theme: 'light' },
      rotate: { dwellSeconds: 20, speed: 2, __proto__: { enabled: true } },
    }
    const { config, problems } = parseConfig(own, '', base, JSON.parse(JSON.stringify(attempt)))
    expect(config).toEqual({ ...parseConfig(own, '', base).config, rotate: { ...defaultConfig.rotate, dwellSeconds: 20 } })
    expect(words(problems)).toEqual([
      ...['feedUrl', 'heartbeatUrl', 'allowedFeedOrigins', 'screenId', 'heartbeatKey', 'kiosk', 'locale', 'title'].map(k => `数据服务下发的设置 ${k} 不能远程更改，已忽略`),
      '数据服务下发的设置 rotate.speed 不能远程更改，已忽略',
    ])
    expect(({} as Record<string, unknown>).theme).toBeUndefined()
  })

  it('give the command its result: done with the clamps named in Chinese, or failed when none of it took', () => {
    const outcome = (raw: unknown) => {
      const layer = serviceLayer(defaultConfig, raw)
      return settingsResult(7, layer.applied, serviceSettingsNotes(layer.problems))
    }
    expect(outcome({ theme: 'light' })).toEqual({ id: 7, ok: true, message: null })
    expect(outcome({ theme: 'light', rotate: { dwellSeconds: 1 } })).toEqual({ id: 7, ok: true, message: '数据服务下发的设置 rotate.dwellSeconds 为 1，已按下限改为 5' })
    // Clamped is applied all the same.
    expect(outcome({ rotate: { dwellSeconds: 1 } }).ok).toBe(true)
    expect(outcome({ theme: 'blue', feedUrl: 'x' })).toEqual({ id: 7, ok: false, message: '数据服务下发的设置 theme 的值 blue 无效，已忽略，沿用本机设置；数据服务下发的设置 feedUrl 不能远程更改，已忽略' })
    // Nothing asked, nothing failed: cleared settings are a success.
    expect(outcome({})).toEqual({ id: 7, ok: true, message: null })
    expect(settingsResult(7, 1, Array.from({ length: 5 }, () => '很长的说明'.repeat(10))).message).toHaveLength(120)
  })

  it('are read at start for the wall config.json and the query name, and for no other', async () => {
    const storage = fakeStorage()
    storage.setItem(wallSettingsKey('hall-2f'), JSON.stringify({ theme: 'light', rotate: { dwellSeconds: 1 } }))
    storage.setItem(wallSettingsKey('lobby'), JSON.stringify({ maskNames: false }))
    vi.stubGlobal('localStorage', storage)
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ screenId: 'hall-2f' })))
    const base = 'https://wall.example.gov.cn/cockpit/'
    const hall = await loadConfig(base, '')
    expect([hall.config.theme, hall.config.rotate.dwellSeconds, hall.config.maskNames]).toEqual(['light', 5, true])
    expect(words(hall.problems)).toEqual(['数据服务下发的设置 rotate.dwellSeconds 为 1，已按下限改为 5'])
    const lobby = await loadConfig(base, '?screen=lobby')
    expect([lobby.config.theme, lobby.config.maskNames]).toEqual(['dark', false])
    vi.stubGlobal('fetch', async () => new Response(null, { status: 404 }))
    expect((await loadConfig(base, '')).config.theme).toBe('dark')
  })

  afterEach(() => {
    vi.unstubAllGlobals()
  })
})

describe('a settings command, from the answer to the wall that shows it', () => {
  it('is stored, applied at the next start with its clamps named, and reported with them', () => {
    const storage = fakeStorage()
    const before = createWallCommands({ screenId: 'hall-2f', storage })
    expect(before.take(answer({ id: 11, type: 'settings', settings: { theme: 'light', rotate: { enabled: true, dwellSeconds: 2 } } })).reload).toBe(true)
    // The reload: config.json, the query, then what the service sent.
    const stored = readWallSettings(storage, 'hall-2f')
    const loaded = parseConfig({ screenId: 'hall-2f' }, '', undefined, stored)
    expect([loaded.config.theme, loaded.config.rotate.enabled, loaded.config.rotate.dwellSeconds]).toEqual(['light', true, 5])
    expect(loaded.problems.map(p => configProblemText(zh, p))).toEqual(['数据服务下发的设置 rotate.dwellSeconds 为 2，已按下限改为 5'])
    const after = createWallCommands({ screenId: 'hall-2f', storage })
    after.settle((id) => {
      const layer = serviceLayer(defaultConfig, stored)
      return settingsResult(id, layer.applied, serviceSettingsNotes(layer.problems))
    })
    expect(after.outbox()).toEqual([{ id: 11, ok: true, message: '数据服务下发的设置 rotate.dwellSeconds 为 2，已按下限改为 5' }])
  })
})
