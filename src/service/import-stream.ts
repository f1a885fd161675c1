/**
 * An import's answer as a stream (Accept: application/x-ndjson): one JSON object a line,
 * `{"phase":"reading"}`, `{"phase":"checking","rows":N}`, then the last line with the answer or
 * the error. Read from the text received so far, so the page can say where the service is
 * while the answer is still coming. Pure: the browser's partial responseText goes in.
 */
import type { ImportAnswer } from './answers.ts'
import * as v from 'valibot'
import { importAnswer } from './answers.ts'
import { errorAnswer, problemOfAnswer, ServiceProblem } from './problem.ts'

/** Where an import stands, as the page says it. */
export type ImportPhase
  = | { phase: 'uploading', fraction: number | null }
    | { phase: 'reading' }
    | { phase: 'checking', rows: number }

const phaseLine = v.variant('phase', [
  v.object({ phase: v.literal('reading') }),
  v.object({ phase: v.literal('checking'), rows: v.pipe(v.number(), v.integer(), v.minValue(0)) }),
])
const answerLine = v.object({ status: v.picklist([200, 422]), answer: v.unknown() })
const errorLine = v.object({ status: v.number(), ...errorAnswer.entries })

/**
 * Complete lines of a growing text from `from` on: the text after the last newline may still be
 * arriving, so it waits for the next call (or for `final`, when the answer has ended).
 */
export function completeLines(text: string, from: number, final = false): { lines: string[], next: number } {
  const end = final ? text.length : text.lastIndexOf('\n') + 1
  if (end <= from)
    return { lines: [], next: from }
  const lines = text.slice(from, end).split('\n').map(l => l.trim()).filter(Boolean)
  return { lines, next: end }
}

function json(line: string): unknown {
  try {
    return JSON.parse(line)
  }
  catch {
    return undefined
  }
}

/**
 * Follows a stream as it grows: `push(text so far)` gives the latest phase it names, if any new
 * one came. Lines are parsed once each, however often the text is handed over.
 */
export function createPhaseReader(): { push: (text: string) => ImportPhase | null } {
  let next = 0
  return {
    push(text) {
      const read = completeLines(text, next)
      next = read.next
      let latest: ImportPhase | null = null
      for (const line of read.lines) {
        const phase = v.safeParse(phaseLine, json(line))
        if (phase.success)
          latest = phase.output
      }
      return latest
    },
  }
}

/**
 * The import's answer from the whole response: a streamed one (its last line), or a plain JSON
 * one (a service that did not stream, or a refusal made before the body was read: 401, 403,
 * 413). Throws the ServiceProblem of an error, or BAD_ANSWER for anything else.
 */
export function importOutcome(status: number, text: string, headers?: Record<string, unknown>): ImportAnswer {
  if (status !== 200 && status !== 422)
    throw problemOfAnswer(status, text, headers)
  const whole = json(text)
  const lines = whole === undefined ? completeLines(text, 0, true).lines.map(json) : [whole]
  for (const line of lines.reverse()) {
    const done = v.safeParse(answerLine, line)
    const failed = v.safeParse(errorLine, line)
    if (failed.success)
      throw new ServiceProblem(failed.output.status, failed.output.error.code, failed.output.error.message)
    const answer = v.safeParse(importAnswer, done.success ? done.output.answer : line)
    if (answer.success)
      return answer.output
    if (done.success)
      break
  }
  throw new ServiceProblem(status, 'BAD_ANSWER', '')
}
