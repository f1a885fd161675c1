/**
 * Debian's nginx serving the published feed from disk, the yardstick for the service's own
 * serving: one worker, `gzip_static`, ETags, no access log, a loopback port, everything it
 * writes in a temp folder, `daemon off` under a child process the bench ends itself.
 */
import type { ChildProcess } from 'node:child_process'
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import process from 'node:process'

const NGINX = '/usr/sbin/nginx'

export interface Nginx {
  url: string
  version: string
  stop: () => Promise<void>
}

/** A port free on loopback now (released for nginx to take). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

function isDebian(): boolean {
  try {
    return /^ID(?:_LIKE)?=.*debian/m.test(readFileSync('/etc/os-release', 'utf8'))
  }
  catch {
    return false
  }
}

/**
 * The nginx binary, installed with apt-get when absent on a Debian machine run as root; null
 * (with why) when it cannot be had, so only the comparison is skipped.
 */
export function findNginx(log: (s: string) => void): { ok: true } | { ok: false, why: string } {
  if (existsSync(NGINX))
    return { ok: true }
  if (!isDebian() || process.getuid?.() !== 0)
    return { ok: false, why: `nginx is not installed (${NGINX}); install it with \`sudo apt-get install -y nginx\` (Debian) and run again` }
  log('installing Debian\'s nginx (apt-get install -y nginx)…')
  try {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
    try {
      execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'nginx'], { stdio: ['ignore', 'ignore', 'inherit'], env, timeout: 300_000 })
    }
    catch {
      execFileSync('apt-get', ['update'], { stdio: ['ignore', 'ignore', 'inherit'], env, timeout: 300_000 })
      execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'nginx'], { stdio: ['ignore', 'ignore', 'inherit'], env, timeout: 300_000 })
    }
  }
  catch (error) {
    return { ok: false, why: `apt-get install nginx failed: ${error instanceof Error ? error.message : String(error)}` }
  }
  return existsSync(NGINX) ? { ok: true } : { ok: false, why: `apt-get installed nginx but ${NGINX} is missing` }
}

function config(dir: string, root: string, port: number): string {
  const temp = (name: string) => `${name}_temp_path ${join(dir, `${name}-temp`)};`
  return `worker_processes 1;
daemon off;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 1024; }
http {
  access_log off;
  ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join('\n  ')}
  types { application/json json; }
  default_type application/octet-stream;
  sendfile on;
  tcp_nopush on;
  server {
    listen 127.0.0.1:${port};
    root ${root};
    location /feed/ {
      gzip_static on;
      etag on;
      add_header Cache-Control no-cache;
    }
  }
}
`
}

async function waitForPort(url: string, child: ChildProcess, ms: number): Promise<void> {
  const end = Date.now() + ms
  while (Date.now() < end) {
    if (child.exitCode !== null)
      throw new Error(`nginx exited with ${child.exitCode}`)
    try {
      await fetch(url, { method: 'HEAD' })
      return
    }
    catch {
      await new Promise(resolve => setTimeout(resolve, 50))
    }
  }
  throw new Error(`nginx did not answer within ${ms} ms`)
}

/** nginx serving `root` (which holds feed/cockpit.json and .gz) on a free loopback port. */
export async function startNginx(dir: string, root: string): Promise<Nginx> {
  const port = await freePort()
  const conf = join(dir, 'nginx.conf')
  writeFileSync(conf, config(dir, root, port))
  const version = spawnSync(NGINX, ['-v'], { encoding: 'utf8' }).stderr.trim() || 'nginx'
  const child = spawn(NGINX, ['-p', dir, '-e', join(dir, 'error.log'), '-c', conf], { stdio: ['ignore', 'ignore', 'inherit'] })
  const exited = new Promise<void>(resolve => child.once('exit', () => resolve()))
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
      await exited
      clearTimeout(timer)
    }
  }
  const url = `http://127.0.0.1:${port}/feed/cockpit.json`
  try {
    await waitForPort(url, child, 10_000)
  }
  catch (error) {
    await stop()
    const errors = existsSync(join(dir, 'error.log')) ? readFileSync(join(dir, 'error.log'), 'utf8').slice(-500) : ''
    throw new Error(`${error instanceof Error ? error.message : String(error)}${errors ? `: ${errors}` : ''}`)
  }
  return { url, version: version.replace(/^nginx version:\s*/, ''), stop }
}
