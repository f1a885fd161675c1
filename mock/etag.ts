/** Whether an If-None-Match header names this ETag (weakly, as GET allows) or any (`*`). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  return ifNoneMatch !== undefined && ifNoneMatch.split(',').some(t => t.trim() === '*' || t.trim().replace(/^W\//, '') === etag)
}
