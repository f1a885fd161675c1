/**
 * The service publishes only what the cockpit would take whole: the feed passes the very schema
 * the cockpit validates with, every section passes on its own, and no series or event would be
 * dropped. Anything less is a bug in the service or its data, never something to serve.
 */
import type { FeedProblem } from '../../src/feed/problems.ts'
import * as v from 'valibot'
import { feedSchema, sectionNames } from '../../src/feed/schema.ts'
import { checkFeed } from '../../src/feed/validate.ts'

function wordOf(p: FeedProblem): string {
  switch (p.kind) {
    case 'invalid': return `${p.path}：${p.rule ?? '不合规则'}${p.got.kind === 'value' ? `（实为 ${p.got.json}）` : ''}`
    case 'missing': return `${p.path}：缺少`
    case 'sectionMissing': return `${p.section}：缺少`
    case 'more': return `${p.section}：另有 ${p.count} 处`
    case 'notObject': return '不是 JSON 对象'
    case 'version': return 'schemaVersion 不是 1'
    case 'nothingUsable': return p.first.map(wordOf).join('；')
  }
}

/** Null when the document would be taken whole; else why not, in a line for /api/health. */
export function feedProblem(doc: unknown): string | null {
  const whole = v.safeParse(feedSchema, doc, { abortPipeEarly: true })
  if (!whole.success) {
    const issue = whole.issues[0]
    const path = (issue.path ?? []).map(p => typeof p.key === 'number' ? `[${p.key}]` : `.${String(p.key)}`).join('').replace(/^\./, '')
    return `${path || 'feed'}：${issue.message}`
  }
  const check = checkFeed(doc)
  if (check.fatal)
    return check.fatal.map(wordOf).join('；')
  for (const name of sectionNames) {
    const section = check.sections[name]
    if (!section.ok)
      return section.problems.map(wordOf).join('；')
    if (section.dropped?.length)
      return section.dropped.map(d => wordOf(d.problem)).join('；')
  }
  return null
}
