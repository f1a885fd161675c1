/**
 * What validation found wrong, as data: the words are the reader's, chosen where a problem is
 * shown (components/feed-problems.ts), so a Chinese wall never reads "expected a list". The
 * feed's own field paths (`study.individuals[12].pointsToday`) stay as code.
 */

/** Every rule the schema states; each schema action carries one of these as its message. */
export const feedRules = [
  'count',
  'countMax',
  'points',
  'pointsMax',
  'text',
  'id',
  'idEmpty',
  'name',
  'nameEmpty',
  'date',
  'time',
  'list',
  'object',
  'oneOf',
  'boolean',
  'year',
  'stars',
  'score',
  'schemaVersion',
  'month',
  'series',
  'order',
  'scope',
  'rate',
  'future',
] as const
export type FeedRule = typeof feedRules[number]

export function isFeedRule(x: unknown): x is FeedRule {
  return typeof x === 'string' && (feedRules as readonly string[]).includes(x)
}

/** What a value was instead: enough to find it in the feed, never the whole of it. */
export type Got
  = | { kind: 'nothing' }
    | { kind: 'null' }
    | { kind: 'list', length: number }
    | { kind: 'object' }
    /** A scalar as JSON, cut to 40 characters. */
    | { kind: 'value', json: string }

export type FeedProblem
  /** `options` lists a closed set's values (`oneOf`), as code; `rule` is null for a rule not named here. */
  = | { kind: 'invalid', path: string, rule: FeedRule | null, got: Got, options?: string }
    | { kind: 'missing', path: string }
    | { kind: 'sectionMissing', section: string }
    | { kind: 'more', section: string, count: number }
    /** The document itself is not a JSON object. */
    | { kind: 'notObject', got: Got }
    | { kind: 'version', got: Got }
    /** No required section could be used; `first` holds each one's first problem. */
    | { kind: 'nothingUsable', first: FeedProblem[] }

export function gotOf(value: unknown): Got {
  if (value === undefined)
    return { kind: 'nothing' }
  if (value === null)
    return { kind: 'null' }
  if (Array.isArray(value))
    return { kind: 'list', length: value.length }
  if (typeof value === 'object')
    return { kind: 'object' }
  const json = JSON.stringify(value) ?? String(value)
  return { kind: 'value', json: json.length > 40 ? `${json.slice(0, 39)}…` : json }
}

/** An item of a list checked item by item that was left out, with the first rule it broke. */
export interface DroppedItem {
  /** `sources`: a key of meta.sources the schema leaves out (`__proto__`, `constructor`, `prototype`). */
  section: 'series' | 'events' | 'sources'
  index: number
  /** A series' metric or an event's label, and a series' group or category, as the feed gives them. */
  name: { what: string | null, scope: string | null }
  problem: FeedProblem
}
