import type { ConfigProblem } from '~/config.ts'
import { describe, expect, it } from 'vitest'
import { configProblemText } from '~/components/config-words.ts'
import { defaultConfig, parseConfig } from '~/config.ts'
import { zh } from '../fixtures/words.ts'

const words = (problems: ConfigProblem[]) => problems.map(p => configProblemText(zh, p))

describe('runtime config', () => {
  it('has sensible defaults', () => {
    expect(defaultConfig).toMatchObject({
      feedUrl: 'feed/cockpit.json',
      pollIntervalSeconds: 15,
      maskNames: true,
      kiosk: false,
      rotate: { enabled: false, dwellSeconds: 30, views: ['overview', 'groups', 'rankings', 'oversight', 'trends', 'districts'] },
      theme: 'dark',
      locale: 'zh-CN',
    })
  })

  it('keeps the good fields of a partly broken file and names the bad ones', () => {
    const { config, problems } = parseConfig({ feedUrl: 'feed/other.json', kiosk: 'yes', colour: 'red' })
    expect(config.feedUrl).toBe('feed/other.json')
    expect(config.kiosk).toBe(false)
    expect(words(problems)).toEqual(['设置 kiosk 的值 yes 无效，已使用默认值', '未知设置“colour”已忽略'])
  })

  it('refuses a file that is not an object', () => {
    expect(words(parseConfig([1]).problems)).toEqual(['config.json 不是 JSON 对象，已使用默认设置'])
  })

  it('clamps every number on both ends, file and query alike, and names each clamp', () => {
    const file = parseConfig({ pollIntervalSeconds: 3_000_000, timeoutSeconds: 0, rotate: { enabled: true, dwellSeconds: 1e9 } })
    expect([file.config.pollIntervalSeconds, file.config.timeoutSeconds, file.config.rotate.dwellSeconds]).toEqual([3600, 1, 3600])
    expect(words(file.problems)[0]).toBe('设置 pollIntervalSeconds 的值 3000000 超出范围，已改用 3600')
    const query = parseConfig({}, '?interval=1e9&rotate=1e9')
    expect([query.config.pollIntervalSeconds, query.config.rotate.dwellSeconds]).toEqual([3600, 3600])
    expect(query.problems.map(p => p.kind)).toEqual(['clamped', 'clamped'])
    expect(parseConfig({}, '?interval=-5').config.pollIntervalSeconds).toBe(5)
  })

  it('reads own keys only: constructor and __proto__ lose no setting and reach no prototype', () => {
    const { config, problems } = parseConfig(JSON.parse('{"__proto__": {"kiosk": true}, "constructor": 1, "maskNames": false}'))
    expect(config.maskNames).toBe(false)
    expect(config.kiosk).toBe(false)
    expect(({} as Record<string, unknown>).kiosk).toBeUndefined()
    expect(problems.map(p => p.kind)).toEqual(['unknown', 'unknown'])
  })

  it('takes a feed only from the app\'s origin or an allowed one, and names a refused one', () => {
    const base = 'https://wall.example.gov.cn/cockpit/'
    expect(parseConfig({}, '?feed=https://evil.example.com/f.json', base).config.feedUrl).toBe('feed/cockpit.json')
    expect(words(parseConfig({}, '?feed=https://evil.example.com/f.json', base).problems)[0]).toContain('https://evil.example.com/f.json')
    expect(parseConfig({}, '?feed=javascript:alert(1)', base).config.feedUrl).toBe('feed/cockpit.json')
    expect(parseConfig({ allowedFeedOrigins: ['https://data.example.gov.cn'] }, '?feed=https://data.example.gov.cn/c.json', base).config.feedUrl).toBe('https://data.example.gov.cn/c.json')
    expect(parseConfig({}, '?feed=/cockpit/feed/b.json', base).problems).toEqual([])
  })

  it('lets one screen override it through the query', () => {
    const { config, view } = parseConfig({ rotate: { views: ['overview', 'rankings'] } }, '?kiosk=1&rotate=20&view=rankings&mask=0&lang=en&theme=light&interval=2')
    expect(config.kiosk).toBe(true)
    expect(config.rotate).toEqual({ enabled: true, dwellSeconds: 20, views: ['overview', 'rankings'] })
    expect(config.maskNames).toBe(false)
    expect(config.locale).toBe('en')
    expect(config.theme).toBe('light')
    expect(config.pollIntervalSeconds).toBe(5)
    expect(view).toBe('rankings')
  })

  it('turns rotation off with rotate=0 and floors the dwell at 5 s', () => {
    expect(parseConfig({ rotate: { enabled: true } }, '?rotate=0').config.rotate.enabled).toBe(false)
    expect(parseConfig({}, '?rotate=2').config.rotate.dwellSeconds).toBe(5)
  })
})
