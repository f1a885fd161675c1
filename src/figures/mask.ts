/**
 * Masks a person's name for the wall, which visitors can read: 张伟 → 张*, 张小伟 → 张*伟,
 * 欧阳小明 → 欧**明. Works on characters, not UTF-16 units, so rare CJK names stay intact.
 */
export function maskName(name: string): string {
  const chars = [...name.trim()]
  if (chars.length <= 1)
    return '*'
  if (chars.length === 2)
    return `${chars[0]}*`
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars.at(-1)}`
}
