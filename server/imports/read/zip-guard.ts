/**
 * An .xlsx is a zip, and a zip can be a bomb: 200 KB that unpacks to gigabytes. Before any part
 * of a workbook is parsed, this lists its entries from the central directory and inflates every
 * one of them once, counting the bytes and keeping none, and stops as soon as the running total
 * passes the limit. The sizes a zip declares are checked too, but never trusted: a hostile zip
 * lies about them.
 */
import type { ReadFailure } from '../types.ts'
import { Buffer } from 'node:buffer'
import { Readable } from 'node:stream'
import { createInflateRaw } from 'node:zlib'
import { failure } from './table.ts'

export interface ZipEntry {
  name: string
  /** 0 stored, 8 deflated; no other method gets past the guard. */
  method: number
  /** Where the entry's compressed bytes start and how many there are. */
  start: number
  compressedSize: number
  /** What the zip says it unpacks to: a first check only, since a hostile zip lies. */
  declaredSize: number
}

export interface ZipLimits {
  maxUnpackedBytes: number
  maxZipEntries: number
}

export type ZipCheck = { ok: true, entries: Map<string, ZipEntry> } | { ok: false, failure: ReadFailure }

const EOCD = 0x06054B50
const ZIP64_LOCATOR = 0x07064B50
const ZIP64_EOCD = 0x06064B50
const CENTRAL = 0x02014B50
const LOCAL = 0x04034B50
const MAX16 = 0xFFFF
const MAX32 = 0xFFFFFFFF
/** Inflate in 64 KiB pieces: enough for speed, small enough that memory never grows. */
const CHUNK = 64 * 1024

const DAMAGED = '文件不是完整的 .xlsx 工作簿（压缩结构已损坏），请用 Excel 重新另存为 .xlsx 后再导入'

class Unreadable extends Error {}

function mb(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`
}

/** The entries as the central directory lists them; throws Unreadable on a damaged zip. */
function listEntries(bytes: Buffer, maxEntries: number): ZipEntry[] | ReadFailure {
  // The end record sits in the last 22 bytes plus a comment of at most 64 KiB.
  let eocd = -1
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - MAX16); at--) {
    if (bytes.readUInt32LE(at) === EOCD) {
      eocd = at
      break
    }
  }
  if (eocd < 0)
    throw new Unreadable(DAMAGED)
  let count = bytes.readUInt16LE(eocd + 10)
  let offset = bytes.readUInt32LE(eocd + 16)
  if ((count === MAX16 || offset === MAX32) && eocd >= 20 && bytes.readUInt32LE(eocd - 20) === ZIP64_LOCATOR) {
    const at = Number(bytes.readBigUInt64LE(eocd - 20 + 8))
    if (at + 56 > bytes.length || bytes.readUInt32LE(at) !== ZIP64_EOCD)
      throw new Unreadable(DAMAGED)
    count = Number(bytes.readBigUInt64LE(at + 32))
    offset = Number(bytes.readBigUInt64LE(at + 48))
  }
  if (count > maxEntries)
    return failure(413, 'TOO_LARGE', `工作簿内部含有 ${count} 个部件，超过 ${maxEntries} 个的上限，不像是一份名册或报表`)

  const entries: ZipEntry[] = []
  let at = offset
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== CENTRAL)
      throw new Unreadable(DAMAGED)
    const flags = bytes.readUInt16LE(at + 8)
    const method = bytes.readUInt16LE(at + 10)
    let compressedSize = bytes.readUInt32LE(at + 20)
    let size = bytes.readUInt32LE(at + 24)
    const nameLength = bytes.readUInt16LE(at + 28)
    const extraLength = bytes.readUInt16LE(at + 30)
    const commentLength = bytes.readUInt16LE(at + 32)
    let local = bytes.readUInt32LE(at + 42)
    // Part names use '/'; a few Windows writers put '\\' instead.
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength).replaceAll('\\', '/')
    // ZIP64: the 32-bit fields that overflowed are in the extra field 0x0001, in this order.
    let extra = at + 46 + nameLength
    const extraEnd = extra + extraLength
    while (extra + 4 <= extraEnd) {
      const id = bytes.readUInt16LE(extra)
      const length = bytes.readUInt16LE(extra + 2)
      if (id === 0x0001) {
        let field = extra + 4
        const next = (): number => {
          const value = field + 8 <= extra + 4 + length ? Number(bytes.readBigUInt64LE(field)) : MAX32
          field += 8
          return value
        }
        if (size === MAX32)
          size = next()
        if (compressedSize === MAX32)
          compressedSize = next()
        if (local === MAX32)
          local = next()
      }
      extra += 4 + length
    }
    at = extraEnd + commentLength

    if ((flags & 0x1) !== 0)
      throw new Unreadable('工作簿设置了打开密码，请在 Excel 中取消密码后另存为 .xlsx 再导入')
    if (method !== 0 && method !== 8)
      throw new Unreadable(DAMAGED)
    if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== LOCAL)
      throw new Unreadable(DAMAGED)
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28)
    if (start + compressedSize > bytes.length)
      throw new Unreadable(DAMAGED)
    entries.push({ name, method, start, compressedSize, declaredSize: size })
  }
  return entries
}

/** The entry's bytes as stored, without a copy. */
function stored(bytes: Buffer, entry: ZipEntry): Buffer {
  return bytes.subarray(entry.start, entry.start + entry.compressedSize)
}

/**
 * How many bytes the entry unpacks to, or 'over' once it passes `budget`: inflated piece by
 * piece and counted, the pieces dropped, the inflater stopped at the first piece over.
 */
function unpackedSize(bytes: Buffer, entry: ZipEntry, budget: number): Promise<number | 'over'> {
  if (entry.method === 0)
    return Promise.resolve(entry.compressedSize > budget ? 'over' : entry.compressedSize)
  return new Promise((resolve, reject) => {
    const inflater = createInflateRaw({ chunkSize: CHUNK })
    let total = 0
    let done = false
    inflater.on('data', (piece: Buffer) => {
      total += piece.length
      if (!done && total > budget) {
        done = true
        inflater.destroy()
        resolve('over')
      }
    })
    inflater.on('error', () => {
      if (!done) {
        done = true
        reject(new Unreadable(DAMAGED))
      }
    })
    inflater.on('end', () => {
      if (!done) {
        done = true
        resolve(total)
      }
    })
    inflater.end(stored(bytes, entry))
  })
}

/**
 * The zip's entries once every one has been unpacked (and discarded) within the limit: 413 past
 * the limit or the entry cap, 422 for a damaged or encrypted zip.
 */
export async function guardZip(data: Uint8Array, limits: ZipLimits): Promise<ZipCheck> {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength)
  const tooLarge = (): ZipCheck => ({
    ok: false,
    failure: failure(413, 'TOO_LARGE', `工作簿解压后超过 ${mb(limits.maxUnpackedBytes)} 的上限，未读取（请删去无关的工作表、图片后再导入）`),
  })
  try {
    const listed = listEntries(bytes, limits.maxZipEntries)
    if (!Array.isArray(listed))
      return { ok: false, failure: listed }
    const entries = new Map<string, ZipEntry>()
    for (const entry of listed) {
      // Two entries of one name: which one a reader takes is up to the reader; refuse instead.
      if (entries.has(entry.name))
        throw new Unreadable(DAMAGED)
      entries.set(entry.name, entry)
    }
    if (listed.reduce((sum, e) => sum + e.declaredSize, 0) > limits.maxUnpackedBytes)
      return tooLarge()
    let total = 0
    for (const entry of listed) {
      const size = await unpackedSize(bytes, entry, limits.maxUnpackedBytes - total)
      if (size === 'over')
        return tooLarge()
      total += size
    }
    return { ok: true, entries }
  }
  catch (error) {
    if (error instanceof Unreadable)
      return { ok: false, failure: failure(422, 'UNREADABLE', error.message) }
    throw error
  }
}

/**
 * An entry's content as text, streamed. The inflater's pieces go through a UTF-8 decoder that
 * keeps a character split between two pieces whole (exceljs's own stream reader does not, and
 * garbles about one Chinese string in a thousand).
 */
export function entryText(data: Uint8Array, entry: ZipEntry): Readable {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength)
  const body = stored(bytes, entry)
  if (entry.method === 0)
    return Readable.from([body.toString('utf8')])
  const inflater = createInflateRaw({ chunkSize: CHUNK })
  inflater.setEncoding('utf8')
  inflater.end(body)
  return inflater
}
