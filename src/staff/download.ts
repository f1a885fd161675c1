/**
 * Saves text as a file through a Blob and a temporary object URL. The URL is revoked once the
 * browser has taken the download, so exports of a 4,000-row table do not pile up in memory.
 */
export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  a.rel = 'noopener'
  document.body.append(a)
  a.click()
  a.remove()
  // Revoking in the same task can cancel the download in some browsers; the next task is safe.
  setTimeout(() => URL.revokeObjectURL(url), 0)
}
