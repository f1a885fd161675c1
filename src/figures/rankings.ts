/**
 * Top-N selection without sorting the whole list: the ten-times feed has 200,000 individuals
 * and a full sort on every snapshot would cost the main thread for nothing.
 */
export function topBy<T>(items: readonly T[], n: number, score: (x: T) => number, tieKey: (x: T) => string): T[] {
  const top: T[] = []
  const better = (a: T, b: T) => score(a) > score(b) || (score(a) === score(b) && tieKey(a) < tieKey(b))
  for (const item of items) {
    if (top.length === n && !better(item, top[n - 1]!))
      continue
    let i = Math.min(top.length, n - 1)
    while (i > 0 && better(item, top[i - 1]!))
      i--
    top.splice(i, 0, item)
    if (top.length > n)
      top.pop()
  }
  return top
}
