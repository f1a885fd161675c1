/**
 * A CSV read as Excel on a Chinese Windows would open it. Encodings: UTF-8 with or without a
 * BOM; UTF-16 with a BOM (Excel's "Unicode 文本", tab-separated); otherwise, when the bytes are
 * not valid UTF-8, GB18030 (Excel's "CSV（逗号分隔）" on Chinese Windows saves GBK, which
 * GB18030 contains), said in a warning. Every cell is text: the kinds read numbers and dates
 * from it. Records are parsed as a stream into the table builder and the read stops at the
 * row limit, so a file of a million rows is refused at the limit, not held.
 */
import type { KindSpec } from '../../../src/import-kinds.ts'
import type { ImportProblem, ReadFailure, ReadResult } from '../types.ts'
import { Buffer } from 'node:buffer'
import { Readable } from 'node:stream'
import { CsvError, parse } from 'csv-parse'
import iconv from 'iconv-lite'
import { failed, tableBuilder } from './table.ts'

const NOT_TEXT = '文件不是表格文本（CSV），也不是 .xlsx 工作簿，无法读取；请在 Excel 中另存为 .xlsx 或 “CSV UTF-8（逗号分隔）” 后再导入'
/** How far the binary and delimiter checks look, and the pieces the parser is fed. */
const PIECE = 64 * 1024

interface Decoded {
  text: string
  warning: string | null
}

/** Binary, not text: NUL bytes, or more than a few control characters that text never holds. */
function looksBinary(text: string): boolean {
  const head = text.slice(0, PIECE)
  // eslint-disable-next-line no-control-regex
  const controls = head.match(/[\u0000-\u0008\u000E-\u001F\u007F]/g)?.length ?? 0
  return head.includes('\u0000') || controls > head.length / 100
}

function decode(data: Uint8Array): Decoded | null {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength)
  let text: string
  let warning: string | null = null
  if (bytes[0] === 0xFF && bytes[1] === 0xFE) {
    text = iconv.decode(bytes.subarray(2), 'utf-16le')
  }
  else if (bytes[0] === 0xFE && bytes[1] === 0xFF) {
    text = iconv.decode(bytes.subarray(2), 'utf-16be')
  }
  else if (bytes[0] === 0xEF && bytes[1] === 0xBB && bytes[2] === 0xBF) {
    text = bytes.toString('utf8', 3)
  }
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    }
    catch {
      text = iconv.decode(bytes, 'gb18030')
      warning = '文件不是 UTF-8 编码，已按 GB18030（简体中文 Windows 的 GBK）编码读取；若有乱码，请在 Excel 中另存为 “CSV UTF-8（逗号分隔）” 后再导入'
    }
  }
  return looksBinary(text) ? null : { text, warning }
}

/**
 * Tab when the header line (the first of the leading lines holding every required header)
 * has tabs and no commas, as Excel's "Unicode 文本" and a copy from a web table do; else comma.
 */
function delimiterOf(text: string, spec: KindSpec): ',' | '\t' {
  const required = spec.columns.filter(c => c.required).map(c => c.header)
  const lines = text.slice(0, PIECE).split(/\r\n|\n|\r/, 50)
  const header = lines.find(line => required.every(h => line.includes(h))) ?? lines.find(line => line.trim() !== '') ?? ''
  return header.includes('\t') && !header.includes(',') ? '\t' : ','
}

function* pieces(text: string): Generator<string> {
  for (let at = 0; at < text.length; at += PIECE)
    yield text.slice(at, at + PIECE)
}

function csvProblem(error: CsvError): string {
  const line = typeof error.lines === 'number' ? `（约第 ${error.lines} 行）` : ''
  return error.code === 'CSV_QUOTE_NOT_CLOSED'
    ? `CSV 中有引号没有闭合${line}，请检查该行或用 Excel 重新另存`
    : `CSV 格式有误${line}，请用 Excel 打开后重新另存为 CSV`
}

export async function readCsv(bytes: Uint8Array, spec: KindSpec, maxRows: number): Promise<ReadResult> {
  const decoded = decode(bytes)
  if (decoded === null)
    return failed(422, 'UNREADABLE', NOT_TEXT)
  const warnings: ImportProblem[] = decoded.warning === null ? [] : [{ row: null, column: null, message: decoded.warning }]

  const table = tableBuilder(spec, null, maxRows)
  // The text is fed in pieces so the parser runs only as far ahead as the reader takes records.
  const source = Readable.from(pieces(decoded.text))
  const parser = parse({
    delimiter: delimiterOf(decoded.text, spec),
    relax_column_count: true,
    relax_quotes: true,
    // Empty lines are records too: Excel numbers them as rows, and so do the messages.
    skip_empty_lines: false,
  })
  const stop = await new Promise<ReadFailure | CsvError | null>((resolve, reject) => {
    let row = 0
    let done = false
    const end = (result: ReadFailure | CsvError | null): void => {
      if (done)
        return
      done = true
      source.destroy()
      parser.destroy()
      resolve(result)
    }
    // Records taken as events, not awaited one by one (a promise a record doubles the time).
    parser.on('data', (record: string[]) => {
      if (done)
        return
      row += 1
      const failure = table.push(row, record)
      if (failure !== null)
        end(failure)
    })
    parser.on('error', error => error instanceof CsvError ? end(error) : reject(error))
    parser.on('end', () => end(null))
    source.pipe(parser)
  })
  if (stop instanceof CsvError)
    return failed(422, 'UNREADABLE', csvProblem(stop))
  return stop === null ? table.finish(warnings) : { ok: false, failure: stop }
}
