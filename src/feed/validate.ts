/**
 * Validation at the boundary, section by section: the feed is `unknown` until each section
 * has passed its schema, and a broken section never takes the others down.
 */
import type { FeedProblem } from './problems.ts'
import type { Envelope, SectionName, Sections } from './schema.ts'
import * as v from 'valibot'
import { gotOf, isFeedRule } from './problems.ts'
import { envelopeSchema, optionalSections, sectionNames, sectionSchemas } from './schema.ts'

/** A section either passed (data is absent only for an optional section the feed left out) or has problems. */
export type SectionCheck<K extends SectionName>
  = | { ok: true, data: Sections[K] | undefined }
    | { ok: false, problems: FeedProblem[] }

export interface FeedCheck {
  /** Set when the whole document is refused (not an object, another schema version, bad envelope). */
  fatal: FeedProblem[] | null
  envelope: Envelope | null
  sections: { [K in SectionName]: SectionCheck<K> }
}

/** Enough problems to act on without flooding the status line when a whole list is wrong. */
const MAX_PROBLEMS = 8
/** One problem per value: the first rule it breaks is the one worth reading. */
const PARSE = { abortPipeEarly: true } as const

function pathOf(section: string, issue: v.BaseIssue<unknown>): string {
  let path = section
  for (const item of issue.path ?? []) {
    if (typeof item.key === 'number')
      path += `[${item.key}]`
    else path += `.${String(item.key)}`
  }
  return path
}

function problemOf(section: string, issue: v.BaseIssue<unknown>): FeedProblem {
  const path = pathOf(section, issue)
  // valibot reports a missing key with its parent object's message; say what it is.
  if (issue.type === 'object' && issue.input === undefined && issue.path)
    return { kind: 'missing', path }
  const rule = isFeedRule(issue.message) ? issue.message : null
  const problem: FeedProblem = { kind: 'invalid', path, rule, got: gotOf(issue.input) }
  if (rule === 'oneOf' && issue.expected)
    problem.options = issue.expected.replace(/^\((.*)\)$/, '$1') // valibot writes ("a" | "b")
  return problem
}

function problemsOf(section: string, issues: readonly v.BaseIssue<unknown>[]): FeedProblem[] {
  const problems = issues.slice(0, MAX_PROBLEMS).map(issue => problemOf(section, issue))
  if (issues.length > MAX_PROBLEMS)
    problems.push({ kind: 'more', section, count: issues.length - MAX_PROBLEMS })
  return problems
}

function checkSection<K extends SectionName>(name: K, value: unknown): SectionCheck<K> {
  if (value === undefined && (optionalSections as readonly string[]).includes(name))
    return { ok: true, data: undefined }
  if (value === undefined)
    return { ok: false, problems: [{ kind: 'sectionMissing', section: name }] }
  const result = v.safeParse(sectionSchemas[name], value, PARSE)
  if (result.success)
    return { ok: true, data: result.output as Sections[K] }
  return { ok: false, problems: problemsOf(name, result.issues) }
}

function refused(problems: FeedProblem[]): FeedCheck {
  const sections = Object.fromEntries(sectionNames.map(n => [n, { ok: false, problems }])) as FeedCheck['sections']
  return { fatal: problems, envelope: null, sections }
}

export function checkFeed(input: unknown): FeedCheck {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return refused([{ kind: 'notObject', got: gotOf(input) }])
  const doc = input as Record<string, unknown>
  if (doc.schemaVersion !== 1)
    return refused([{ kind: 'version', got: gotOf(doc.schemaVersion) }])
  const envelope = v.safeParse(envelopeSchema, doc, PARSE)
  if (!envelope.success)
    return refused(problemsOf('feed', envelope.issues))
  const sections = Object.fromEntries(
    sectionNames.map(name => [name, checkSection(name, doc[name])]),
  ) as FeedCheck['sections']
  // Nothing usable is a failed poll, not a live feed with every panel broken: the status line
  // must say stale, and an absent optional section must not wipe its panel's last good data.
  const required = sectionNames.filter(name => !(optionalSections as readonly string[]).includes(name))
  const first = required.flatMap((name) => {
    const result = sections[name]
    return result.ok ? [] : [result.problems[0]!]
  })
  if (first.length === required.length)
    return refused([{ kind: 'nothingUsable', first }])
  return { fatal: null, envelope: envelope.output, sections }
}
