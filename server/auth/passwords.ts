/**
 * Passwords, which people choose, are stored as scrypt hashes (node:crypto; no native package to
 * build). A stored hash names its own parameters, so raising the cost later leaves old hashes
 * readable. Checking a name that does not exist costs the same as checking a wrong password.
 */
import { Buffer } from 'node:buffer'
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'

/** N = 2^15, r = 8: about 32 MiB and some 50–100 ms a check on a server core. */
const COST = { N: 32768, r: 8, p: 1 } as const
const KEY_BYTES = 32
const MAX_MEMORY = 64 * 1024 * 1024

/** Long enough to be a passphrase, short enough that nobody hashes a megabyte. */
export const PASSWORD_MIN = 8
export const PASSWORD_MAX = 1024

function derive(password: string, salt: Buffer, N: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, { N, r, p, maxmem: MAX_MEMORY }, (error, key) => error ? reject(error) : resolve(key))
  })
}

/** `scrypt$N$r$p$salt$key`, salt and key in base64url. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await derive(password, salt, COST.N, COST.r, COST.p)
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$')
}

/**
 * Checked when the name is unknown, so both answers cost one derivation at the same cost. Its key
 * is random bytes, not the hash of anything: no password matches it, and it is never compared.
 */
const DECOY = `scrypt$${COST.N}$${COST.r}$${COST.p}$bm8tb25lLWhhcy10aGlz$${'A'.repeat(43)}`

/** Whether `password` matches `stored`; with `stored` null, a decoy check that is always false. */
export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const hash = stored ?? DECOY
  const [scheme, N, r, p, salt, key] = hash.split('$')
  if (scheme !== 'scrypt' || !salt || !key)
    return false
  const expected = Buffer.from(key, 'base64url')
  const actual = await derive(password, Buffer.from(salt, 'base64url'), Number(N), Number(r), Number(p))
  return stored !== null && actual.length === expected.length && timingSafeEqual(actual, expected)
}

/** Why a new password is refused, in words; null when it will do. */
export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN)
    return `密码至少 ${PASSWORD_MIN} 个字符`
  if (password.length > PASSWORD_MAX)
    return `密码最多 ${PASSWORD_MAX} 个字符`
  return null
}
