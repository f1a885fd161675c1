import type { Chamber } from '~/feed/schema.ts'

/** Chambers whose name or id contains the query, ignoring case; an empty query finds nothing. */
export function searchChambers(chambers: readonly Chamber[], query: string): Chamber[] {
  const q = query.trim().toLocaleLowerCase('zh-CN')
  if (!q)
    return []
  return chambers.filter(c => c.name.toLocaleLowerCase('zh-CN').includes(q) || c.id.toLocaleLowerCase('zh-CN').includes(q))
}
