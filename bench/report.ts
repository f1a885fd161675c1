/** The benchmark's table: one line per figure, its target and whether it is met. */
export interface Row {
  figure: string
  value: string
  target: string
  /** undefined: informative only. */
  met?: boolean
  /** When missed: by how much ("missed by 1.2 s (40 %)"), printed after MISSED. */
  by?: string
}

export function table(rows: readonly Row[]): string {
  const w = [
    Math.max(6, ...rows.map(r => r.figure.length)),
    Math.max(5, ...rows.map(r => r.value.length)),
    Math.max(6, ...rows.map(r => r.target.length)),
  ]
  const line = (a: string, b: string, c: string, d: string) => `${a.padEnd(w[0]!)}  ${b.padStart(w[1]!)}  ${c.padEnd(w[2]!)}  ${d}`.trimEnd()
  return [
    line('figure', 'value', 'target', ''),
    line('-'.repeat(w[0]!), '-'.repeat(w[1]!), '-'.repeat(w[2]!), ''),
    ...rows.map(r => line(r.figure, r.value, r.target, r.met === undefined ? '' : r.met ? 'met' : r.by ? `MISSED: ${r.by}` : 'MISSED')),
  ].join('\n')
}
