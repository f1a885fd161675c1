import type { FileInput } from '../../server/imports/types.ts'
/** Files as staff keep them, built in the tests: CSV text with the kind's headers. */
import { Buffer } from 'node:buffer'

export function csv(rows: (string | number)[][], name = 'file.csv'): FileInput {
  const text = rows.map(r => r.map((c) => {
    const s = String(c)
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
  }).join(',')).join('\r\n')
  return { name, bytes: Buffer.from(`\uFEFF${text}\r\n`), contentType: 'text/csv' }
}

export const ROSTER_HEADER = ['商会编号', '商会名称', '类别', '区县市', '片组', '直属', '会员数', '最近活动日期']

/** A roster of `n` chambers: C001…, alternating categories, the odd ones in 第一片组. */
export function roster(n: number, change: (row: (string | number)[], i: number) => void = () => {}): (string | number)[][] {
  const cats = ['异地商会', '行业商会、行业协会', '区县市镇街商会', '市场（园区、楼宇）商会', '其他商会']
  const rows: (string | number)[][] = [ROSTER_HEADER]
  for (let i = 1; i <= n; i++) {
    const row: (string | number)[] = [`C${String(i).padStart(3, '0')}`, `杭州市第${i}商会`, cats[i % 5]!, '西湖区', i % 2 === 1 ? '第一片组' : '', '是', 100 + i, '2026-11-02']
    change(row, i)
    rows.push(row)
  }
  return rows
}

export const PARTY_HEADER = ['商会编号', '党组织名称', '党组织类型', '党员数', '星级', '书记列席理事会']
