import { resolve } from 'node:path'
/**
 * The service's settings, from the environment (service-contract.md, "Storage"): a bad one is
 * named and refused at start, never guessed around.
 */
import process from 'node:process'
import { fileURLToPath } from 'node:url'

export interface ServiceConfig {
  port: number
  host: string
  /** PGlite's folder, used when no DATABASE_URL is set. */
  dataDir: string
  databaseUrl: string | undefined
  /** The built cockpit. */
  dist: string
  logLevel: string
  /** Whose X-Forwarded-For to believe: loopback (a proxy on this host) unless TRUST_PROXY says. */
  trustProxy: string
}

export class ConfigError extends Error {}

/** Addresses or networks, comma-separated (`loopback`, `10.0.0.0/8`), as proxy-addr reads them. */
function trustProxyOf(value: string | undefined): string {
  const list = value?.trim() || 'loopback'
  if (!/^[\w.:/,\s-]+$/.test(list))
    throw new ConfigError(`TRUST_PROXY 应为以逗号分隔的地址或网段（如 loopback 或 10.0.0.0/8），实为“${list.slice(0, 40)}”`)
  return list
}

const ROOT = fileURLToPath(new URL('..', import.meta.url))

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  const port = Number(env.PORT ?? 8080)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`PORT 应为 0–65535 的整数，实为“${String(env.PORT).slice(0, 20)}”`)
  const url = env.DATABASE_URL?.trim() || undefined
  if (url && !/^postgres(?:ql)?:\/\//.test(url))
    throw new ConfigError('DATABASE_URL 应以 postgres:// 或 postgresql:// 开头')
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir: resolve(env.DATA_DIR ?? './data'),
    databaseUrl: url,
    dist: resolve(env.DIST_DIR ?? `${ROOT}dist`),
    logLevel: env.LOG_LEVEL ?? 'info',
    trustProxy: trustProxyOf(env.TRUST_PROXY),
  }
}
