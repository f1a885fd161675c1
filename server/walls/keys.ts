/**
 * A wall's key: 256 random bits, shown to the admin once and kept only as its SHA-256. A key is
 * too long to guess, so a fast hash is enough (a slow one would cost every beat).
 */
import { Buffer } from 'node:buffer'
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

export const wallKeyHash = (key: string): string => createHash('sha256').update(key).digest('hex')

/** A new key and the hash to store. */
export function newWallKey(): { key: string, hash: string } {
  const key = randomBytes(32).toString('base64url')
  return { key, hash: wallKeyHash(key) }
}

/** Whether `key` is the one whose hash is stored; compared in constant time. */
export function wallKeyMatches(key: string, hash: string): boolean {
  const given = Buffer.from(wallKeyHash(key), 'hex')
  const stored = Buffer.from(hash, 'hex')
  return given.length === stored.length && timingSafeEqual(given, stored)
}
