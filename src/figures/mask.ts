import { oneLine } from './names.ts'

/**
 * Masks a person's name for the wall, which visitors can read: 张伟 → 张*, 张小伟 → 张*伟,
 * 欧阳小明 → 欧**明. Works on characters, not UTF-16 units, so rare CJK names stay intact.
 */
const MAX_STARS = 3

export function maskName(name: string): string {
  const chars = [...oneLine(name)]
  if (chars.length <= 1)
    return '*'
  if (chars.length === 2)
    return `${chars[0]}*`
  // At most three stars: a masked name tells nobody how long it was, and fits its column.
  return `${chars[0]}${'*'.repeat(Math.min(MAX_STARS, chars.length - 2))}${chars.at(-1)}`
}
