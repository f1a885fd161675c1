import { describe, expect, it } from 'vitest'
import { defaultConfig, parseConfig } from '~/config.ts'

describe('runtime config', () => {
  it('has sensible defaults', () => {
    expect(defaultConfig).toMatchObject({
      feedUrl: 'feed/cockpit.json',
      pollIntervalSeconds: 15,
      maskNames: true,
      kiosk: false,
      rotate: { enabled: false, dwellSeconds: 30, views: ['overview', 'groups', 'rankings', 'oversight'] },
      theme: 'dark',
      locale: 'zh-CN',
    })
  })

  it('keeps the good fields of a partly broken file and names the bad ones', () => {
    const { config, problem } = parseConfig({ feedUrl: 'https://x/feed.json', pollIntervalSeconds: 2, colour: 'red' })
    expect(config.feedUrl).toBe('https://x/feed.json')
    expect(config.pollIntervalSeconds).toBe(15)
    expect(problem).toContain('pollIntervalSeconds ignored')
    expect(problem).toContain('unknown setting "colour" ignored')
  })

  it('refuses a file that is not an object', () => {
    expect(parseConfig([1]).problem).toContain('not a JSON object')
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
