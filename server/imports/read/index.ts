/**
 * A file of an import kind to its table: an .xlsx (by its zip signature, whatever the client
 * called it) or a CSV (any other text). Limits first: the file's size here, the unpacked size
 * and the entry count in the zip guard, the rows in the table builder.
 */
import type { KindSpec } from '../../../src/import-kinds.ts'
import type { FileInput, ReadResult } from '../types.ts'
import { readCsv } from './csv.ts'
import { failed } from './table.ts'
import { readXlsx } from './xlsx.ts'

export interface ReadLimits {
  /** The file as uploaded (contract: 20 MB). */
  maxFileBytes: number
  /** An .xlsx's parts unpacked, all together (contract: 200 MB). */
  maxUnpackedBytes: number
  /** Non-empty rows, title and header rows included. */
  maxRows: number
  /** Parts in an .xlsx; a workbook has a few dozen. */
  maxZipEntries: number
}

export const defaultReadLimits: Readonly<ReadLimits> = {
  maxFileBytes: 20 * 1024 * 1024,
  maxUnpackedBytes: 200 * 1024 * 1024,
  maxRows: 500_000,
  maxZipEntries: 10_000,
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((byte, i) => bytes[i] === byte)
}

export async function readFile(file: FileInput, spec: KindSpec, limits: Partial<ReadLimits> = {}): Promise<ReadResult> {
  const limit: ReadLimits = { ...defaultReadLimits, ...limits }
  const { bytes } = file
  if (bytes.byteLength > limit.maxFileBytes)
    return failed(413, 'TOO_LARGE', `文件大小超过 ${Math.round(limit.maxFileBytes / 1024 / 1024)} MB 的上限`)
  if (bytes.byteLength === 0)
    return failed(422, 'UNREADABLE', '文件是空的')

  // The bytes decide, not the name: a zip is an .xlsx; a CSV renamed .xlsx is still read.
  if (startsWith(bytes, [0x50, 0x4B, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4B, 0x05, 0x06]))
    return readXlsx(bytes, spec, limit)
  // An OLE compound file: an Excel 97–2003 workbook, or an .xlsx saved with a password.
  if (startsWith(bytes, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
    return failed(422, 'UNREADABLE', '这是旧版 Excel 工作簿（.xls）或设置了打开密码的工作簿，无法读取；请在 Excel 中取消密码并另存为 .xlsx 或 CSV 后再导入')
  if (file.contentType?.split(';')[0]?.trim() === XLSX_TYPE || /\.xlsx$/i.test(file.name)) {
    // Named an .xlsx but not a zip: read it as a CSV if it is text, else say what it is not.
    const csv = await readCsv(bytes, spec, limit.maxRows)
    if (csv.ok || csv.failure.code !== 'UNREADABLE')
      return csv
    return failed(422, 'UNREADABLE', '文件名或类型是 .xlsx，但内容不是 Excel 工作簿（文件可能已损坏），请重新另存为 .xlsx 后再导入')
  }
  return readCsv(bytes, spec, limit.maxRows)
}
