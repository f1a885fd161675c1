/**
 * Sets every entry's modified time in a zip (an .xlsx) to one moment. exceljs zips with JSZip,
 * which stamps each entry with the current time; the demo's files must be the same bytes for
 * the same inputs (the service keeps each file's SHA-256), so the stamps are overwritten.
 * Only the fixed-size DOS time and date fields change; the rest of the archive is untouched.
 */

const LOCAL_HEADER = 0x04034B50
const CENTRAL_HEADER = 0x02014B50

/** `savedOn` (YYYY-MM-DD) at 09:00, in the DOS time and date fields zips keep. */
function dosStamp(savedOn: string): { time: number, date: number } {
  const [y, m, d] = [Number(savedOn.slice(0, 4)), Number(savedOn.slice(5, 7)), Number(savedOn.slice(8, 10))]
  return { time: 9 << 11, date: ((y - 1980) << 9) | (m << 5) | d }
}

export function pinZipTimes(zip: Uint8Array, savedOn: string): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
  const { time, date } = dosStamp(savedOn)
  let p = 0
  // Local entries follow each other: JSZip writes sizes in the headers (no data descriptors).
  while (p + 30 <= zip.byteLength && view.getUint32(p, true) === LOCAL_HEADER) {
    view.setUint16(p + 10, time, true)
    view.setUint16(p + 12, date, true)
    p += 30 + view.getUint16(p + 26, true) + view.getUint16(p + 28, true) + view.getUint32(p + 18, true)
  }
  while (p + 46 <= zip.byteLength && view.getUint32(p, true) === CENTRAL_HEADER) {
    view.setUint16(p + 12, time, true)
    view.setUint16(p + 14, date, true)
    p += 46 + view.getUint16(p + 28, true) + view.getUint16(p + 30, true) + view.getUint16(p + 32, true)
  }
  return zip
}
