/**
 * The file's name as the client gives it, from `Content-Disposition` (RFC 6266: `filename*`
 * with UTF-8 wins over `filename`). It is kept and shown as text only: no folders, no control
 * characters, at most 200 characters.
 */
export function cleanFileName(name: string | null | undefined, fallback: string): string {
  // eslint-disable-next-line no-control-regex
  const base = (name ?? '').split(/[/\\]/).pop()!.replace(/[\u0000-\u001F\u007F]/g, '').trim()
  return (base || fallback).slice(0, 200)
}

export function fileNameOf(disposition: string | undefined): string | null {
  if (!disposition)
    return null
  const star = /filename\*\s*=\s*[\w-]+'[^']*'([^;]+)/i.exec(disposition)
  if (star) {
    try {
      return decodeURIComponent(star[1]!.trim().replace(/^"|"$/g, ''))
    }
    catch {
      // A broken percent-encoding: fall back to the plain filename.
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(disposition)
  return plain ? (plain[1]?.replace(/\\(.)/g, '$1') ?? plain[2]!.trim()) : null
}
