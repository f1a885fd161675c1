/**
 * Which Chromium-family browser the tests, the bench, the screenshots and the snapshot CLI
 * drive (npm cannot download one here, so it must be on the machine). In order: the browser
 * named by CHROMIUM_PATH, then CHROME_PATH, then the usual install places of the platform.
 * A variable that names no browser is an error, never a silent fall-back to another browser:
 * whoever set it meant that one. `tsx scripts/browser.ts` prints the path it would use.
 */
import { accessSync, constants } from 'node:fs'
import { join, resolve } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'

export const BROWSER_VARIABLES = ['CHROMIUM_PATH', 'CHROME_PATH'] as const

/** Quiet, deterministic headless flags: no background traffic, no updates, no QUIC. */
export const BROWSER_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-quic',
  '--no-first-run',
  '--disable-sync',
]

type Env = Readonly<Record<string, string | undefined>>

/** Where Chromium, Chrome or Edge install themselves, most likely first. */
export function usualBrowserPaths(platform: NodeJS.Platform, env: Env = {}): string[] {
  if (platform === 'darwin') {
    const apps = ['Chromium.app/Contents/MacOS/Chromium', 'Google Chrome.app/Contents/MacOS/Google Chrome', 'Microsoft Edge.app/Contents/MacOS/Microsoft Edge']
    const home = env.HOME ? apps.map(app => join(env.HOME!, 'Applications', app)) : []
    return [...apps.map(app => `/Applications/${app}`), ...home, '/opt/homebrew/bin/chromium', '/usr/local/bin/chromium']
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((r): r is string => Boolean(r))
    const apps = ['Google\\Chrome\\Application\\chrome.exe', 'Chromium\\Application\\chrome.exe', 'Microsoft\\Edge\\Application\\msedge.exe']
    return apps.flatMap(app => roots.map(root => `${root}\\${app}`))
  }
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium', '/usr/bin/google-chrome-stable', '/usr/bin/google-chrome', '/opt/google/chrome/chrome', '/usr/bin/microsoft-edge']
}

export type BrowserChoice
  = | { ok: true, path: string, from: (typeof BROWSER_VARIABLES)[number] | 'usual place' }
    | { ok: false, message: string }

/** Pure: the browser to use, given the environment and a test for "is an executable file". */
export function chooseBrowser(env: Env, platform: NodeJS.Platform, runnable: (path: string) => boolean): BrowserChoice {
  for (const name of BROWSER_VARIABLES) {
    const path = env[name]
    if (!path)
      continue
    return runnable(path)
      ? { ok: true, path, from: name }
      : { ok: false, message: `${name}=${path} is not an executable browser: point it at Chromium or Chrome, or unset it` }
  }
  const usual = usualBrowserPaths(platform, env)
  const found = usual.find(runnable)
  if (found)
    return { ok: true, path: found, from: 'usual place' }
  return { ok: false, message: `No Chromium or Chrome found (looked in ${usual.join(', ')}). Install one (${installHint(platform)}) or set CHROMIUM_PATH to its executable` }
}

/** The one line that installs a browser on this platform. */
export function installHint(platform: NodeJS.Platform): string {
  if (platform === 'darwin')
    return 'brew install --cask chromium'
  if (platform === 'win32')
    return 'winget install Google.Chrome'
  return 'Debian/Ubuntu: sudo apt-get install -y chromium fonts-noto-cjk'
}

function runnable(path: string): boolean {
  try {
    accessSync(path, process.platform === 'win32' ? constants.F_OK : constants.X_OK)
    return true
  }
  catch {
    return false
  }
}

/** The browser's executable on this machine; throws with what to do when there is none. */
export function browserPath(): string {
  const choice = chooseBrowser(process.env, process.platform, runnable)
  if (!choice.ok)
    throw new Error(choice.message)
  return choice.path
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const choice = chooseBrowser(process.env, process.platform, runnable)
  process.stdout.write(choice.ok ? `${choice.path}\n` : '')
  if (!choice.ok)
    process.stderr.write(`${choice.message}\n`)
  process.exit(choice.ok ? 0 : 1)
}
