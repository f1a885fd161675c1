/**
 * Validation at the boundary, section by section: the feed is `unknown` until each section
 * has passed its schema, and a broken section never takes the others down.
 */
import type { Envelope, SectionName, Sections } from './schema.ts'
import * as v from 'valibot'
import { envelopeSchema, optionalSections, sectionNames, sectionSchemas } from './schema.ts'

/** A section either passed (data is absent only for an optional section the feed left out) or has problems. */
export type SectionCheck<K extends SectionName>
  = | { ok: true, data: Sections[K] | undefined }
    | { ok: false, problems: string[] }

export interface FeedCheck {
  /** Set when the whole document is refused (not an object, another schema version, bad envelope). */
  fatal: string | null
  envelope: Envelope | null
  sections: { [K in SectionName]: SectionCheck<K> }
}

/** Enough problems to act on without flooding the status line when a whole list is wrong. */
const MAX_PROBLEMS = 8
/** One problem per value: the first rule it breaks is the one worth reading. */
const PARSE = { abortPipeEarly: true } as const

export function describeValue(value: unknown): string {
  if (value === undefined)
    return 'nothing'
  if (value === null)
    return 'null'
  if (Array.isArray(value))
    return `a list of ${value.length}`
  if (typeof value === 'object')
    return 'an object'
  const shown = JSON.stringify(value)
  return shown.length > 40 ? `${shown.slice(0, 39)}…` : shown
}

function pathOf(section: string, issue: v.BaseIssue<unknown>): string {
  let path = section
  for (const item of issue.path ?? []) {
    if (typeof item.key === 'number')
      path += `[${item.key}]`
    else path += `.${String(item.key)}`
  }
  return path
}

function problemsOf(section: string, issues: readonly v.BaseIssue<unknown>[]): string[] {
  const lines = issues.slice(0, MAX_PROBLEMS).map(issue =>
    // valibot reports a missing key with its parent object's message; say what it is.
    issue.type === 'object' && issue.input === undefined && issue.path
      ? `${pathOf(section, issue)}: required but missing`
      : `${pathOf(section, issue)}: ${issue.message}, got ${describeValue(issue.input)}`)
  if (issues.length > MAX_PROBLEMS)
    lines.push(`${section}: and ${issues.length - MAX_PROBLEMS} more problems`)
  return lines
}

function checkSection<K extends SectionName>(name: K, value: unknown): SectionCheck<K> {
  if (value === undefined && (optionalSections as readonly string[]).includes(name))
    return { ok: true, data: undefined }
  if (value === undefined)
    return { ok: false, problems: [`${name}: missing from the feed`] }
  const result = v.safeParse(sectionSchemas[name], value, PARSE)
  if (result.success)
    return { ok: true, data: result.output as Sections[K] }
  return { ok: false, problems: problemsOf(name, result.issues) }
}

/** How every refusal of a whole document begins; the part after it says why. */
export const REFUSED = 'feed refused: '

function refused(reason: string): FeedCheck {
  const problems = [reason]
  const sections = Object.fromEntries(sectionNames.map(n => [n, { ok: false, problems }])) as FeedCheck['sections']
  return { fatal: reason, envelope: null, sections }
}

export function checkFeed(input: unknown): FeedCheck {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return refused(`${REFUSED}expected a JSON object, got ${describeValue(input)}`)
  const doc = input as Record<string, unknown>
  if (doc.schemaVersion !== 1) {
    return refused(`${REFUSED}schemaVersion ${describeValue(doc.schemaVersion)} is not supported; this cockpit reads version 1`)
  }
  const envelope = v.safeParse(envelopeSchema, doc, PARSE)
  if (!envelope.success)
    return refused(`${REFUSED}${problemsOf('feed', envelope.issues).join('; ')}`)
  const sections = Object.fromEntries(
    sectionNames.map(name => [name, checkSection(name, doc[name])]),
  ) as FeedCheck['sections']
  // Nothing usable is a failed poll, not a live feed with every panel broken: the status line
  // must say stale, and an absent optional section must not wipe its panel's last good data.
  const required = sectionNames.filter(name => !(optionalSections as readonly string[]).includes(name))
  const firstProblems = required.flatMap((name) => {
    const result = sections[name]
    return result.ok ? [] : [result.problems[0]!]
  })
  if (firstProblems.length === required.length)
    return refused(`${REFUSED}no required section is usable (${firstProblems.join('; ')})`)
  return { fatal: null, envelope: envelope.output, sections }
}
