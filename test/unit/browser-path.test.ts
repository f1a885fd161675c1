import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { chooseBrowser, usualBrowserPaths } from '../../scripts/browser.ts'

const on = (...paths: string[]) => (path: string) => paths.includes(path)

describe('which browser the project drives', () => {
  it('takes CHROMIUM_PATH first, then CHROME_PATH, before any usual place', () => {
    const both = { CHROMIUM_PATH: '/opt/a/chromium', CHROME_PATH: '/opt/b/chrome' }
    expect(chooseBrowser(both, 'linux', on('/opt/a/chromium', '/opt/b/chrome', '/usr/bin/chromium')))
      .toEqual({ ok: true, path: '/opt/a/chromium', from: 'CHROMIUM_PATH' })
    expect(chooseBrowser({ CHROME_PATH: '/opt/b/chrome' }, 'linux', on('/opt/b/chrome', '/usr/bin/chromium')))
      .toEqual({ ok: true, path: '/opt/b/chrome', from: 'CHROME_PATH' })
  })

  it('refuses a variable that names no browser rather than quietly using another one', () => {
    const choice = chooseBrowser({ CHROMIUM_PATH: '/nowhere/chromium' }, 'linux', on('/usr/bin/chromium'))
    expect(choice.ok).toBe(false)
    expect(!choice.ok && choice.message).toContain('CHROMIUM_PATH=/nowhere/chromium')
  })

  it('an empty variable counts as unset', () => {
    expect(chooseBrowser({ CHROMIUM_PATH: '' }, 'linux', on('/usr/bin/chromium')))
      .toEqual({ ok: true, path: '/usr/bin/chromium', from: 'usual place' })
  })

  it('looks in the usual places in order: Debian\'s chromium before Chrome on Linux', () => {
    expect(chooseBrowser({}, 'linux', on('/usr/bin/google-chrome', '/usr/bin/chromium')))
      .toMatchObject({ ok: true, path: '/usr/bin/chromium' })
    expect(chooseBrowser({}, 'linux', on('/usr/bin/google-chrome')))
      .toMatchObject({ ok: true, path: '/usr/bin/google-chrome' })
  })

  it('knows the macOS app bundles, the user\'s own Applications folder included', () => {
    const chrome = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'
    expect(chooseBrowser({}, 'darwin', on(chrome))).toMatchObject({ ok: true, path: chrome })
    expect(usualBrowserPaths('darwin', { HOME: '/Users/li' })).toContain('/Users/li/Applications/Chromium.app/Contents/MacOS/Chromium')
  })

  it('knows the Windows install folders from the environment', () => {
    const paths = usualBrowserPaths('win32', { PROGRAMFILES: 'C:\\Program Files', LOCALAPPDATA: 'C:\\Users\\li\\AppData\\Local' })
    expect(paths[0]).toBe('C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe')
    expect(paths).toContain('C:\\Users\\li\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe')
  })

  it('says where it looked and what to install when there is no browser', () => {
    const choice = chooseBrowser({}, 'darwin', on())
    expect(choice.ok).toBe(false)
    expect(!choice.ok && choice.message).toMatch(/brew install --cask chromium.*CHROMIUM_PATH/)
  })

  it('ensure-browser.sh looks in the same Linux places, so it never asks for a package when a browser is there', () => {
    const script = readFileSync(new URL('../../scripts/ensure-browser.sh', import.meta.url), 'utf8')
    const list = /^usual_browsers=\(([^)]*)\)$/m.exec(script)?.[1]
    expect(list?.split(' ')).toEqual(usualBrowserPaths('linux'))
  })
})
