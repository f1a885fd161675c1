import { describe, expect, it } from 'vitest'
import { sectionNames } from '~/feed/schema.ts'
import { modelDefs } from '~/snapshot/models.ts'
import { modelNames } from '~/snapshot/view-models.ts'
import { loadedBefore } from './import-graph.ts'

/**
 * Modules of the worker's side that the main thread runs too, each for a reason of its own.
 * Everything else the feed worker loads (validation, keeping, the derivations and the figures
 * behind them) must stay out of what the wall loads first: it would ship twice.
 */
const RUN_ON_BOTH_SIDES: Record<string, string> = {
  'src/snapshot/view-models.ts': 'the models\' types and names, the empty set the store starts from',
  'src/time.ts': 'the one Shanghai clock both threads read',
  'src/format/time.ts': 'how a Shanghai date and month are written, "today" and since-when months alike',
  'src/format/numbers.ts': 'the missing-figure rule and the counts src/format/time.ts writes durations with',
  'src/i18n/locale.ts': 'the locale src/format reads, without the message tables',
  'src/feed/reasons.ts': 'why a poll failed, as the poller and the status line say it',
  'src/feed/schema.ts': 'the section names and the feed\'s limits the status line names',
  'src/figures/record-index.ts': 'the one lookup by id, on whichever side a list is read',
  'src/figures/districts.ts': 'the district table the rotation steps through',
  'src/figures/oversight/targets.ts': 'the targets config, read and checked on the main thread',
  // "Since when" an indicator is off target is kept in localStorage, which a worker cannot reach.
  'src/figures/oversight/since.ts': 'since-when tracking (localStorage)',
  'src/figures/oversight/indicators.ts': 'since-when tracking judges readings as the worker does',
  'src/figures/oversight/plan.ts': 'since-when tracking: the plan deadline',
  'src/figures/oversight/study.ts': 'since-when tracking: the hour study is judged from',
  'src/figures/oversight/shared.ts': 'since-when tracking: shares',
  'src/figures/coverage.ts': 'since-when tracking: a share is computed as the worker computes it',
  'src/figures/series.ts': 'since-when tracking: the month a series went off target',
}

describe('the worker boundary', () => {
  const initial = loadedBefore('src/main.ts')
  const worker = loadedBefore('src/snapshot/snapshot.worker.ts')

  it('the wall\'s first load holds no derive module of the worker\'s', () => {
    const both = [...initial].filter(m => worker.has(m)).sort()
    expect(both.filter(m => !(m in RUN_ON_BOTH_SIDES))).toEqual([])
  })

  it('the graph is followed for real: the worker reaches the derivations, the wall its store', () => {
    expect(worker).toContain('src/snapshot/models.ts')
    expect(worker).toContain('src/feed/validate.ts')
    expect(initial).toContain('src/stores/cockpit.ts')
    expect(initial).toContain('src/snapshot/pipe.ts')
    // The keeper on this thread is a lazy chunk, reached by import() only.
    expect(initial).not.toContain('src/snapshot/local-pipe.ts')
  })

  it('every model is named once, after the models it is derived from', () => {
    expect([...modelNames].sort()).toEqual(Object.keys(modelDefs).sort())
    for (const [i, name] of modelNames.entries()) {
      // A name that is a section's too (categories) means the section, as the deriver reads it.
      const earlier = (modelDefs[name].uses as readonly string[]).filter(u => (modelNames as readonly string[]).includes(u) && !(sectionNames as readonly string[]).includes(u))
      for (const used of earlier)
        expect({ name, used, before: modelNames.indexOf(used as typeof name) < i }).toEqual({ name, used, before: true })
    }
  })
})
