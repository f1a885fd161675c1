/**
 * Hands a file to the browser's downloads through a temporary object URL, revoked once the
 * browser has taken it (in the next task: revoking in the same one can cancel the download),
 * so a wall exported every day or a 4,000-row CSV leaves nothing behind in memory.
 */
export function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.rel = 'noopener'
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 0)
}
