/**
 * The import being prepared: the kind, the period, the file and what the service said of it.
 * A store, not the page's state, so that a session that ends under the user's hands (the page
 * swaps in the sign-in form) or a visit to another page loses nothing that was chosen.
 *
 * A dry run answers for one kind, period and file: changing any of them starts a new one, and
 * a commit is offered only on the answer of the dry run for exactly what is chosen now.
 */
import type { ImportKind } from '~/import-kinds.ts'
import type { ImportAnswer } from '~/service/answers.ts'
import type { ImportPhase } from '~/service/import-stream.ts'
import type { ServiceProblem } from '~/service/problem.ts'
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import { currentPeriod, isPeriodOf, kindSpecs } from '~/import-kinds.ts'
import { problemOf } from '~/service/problem.ts'
import { useSessionStore } from '~/service/session.ts'
import { shanghaiDate } from '~/time.ts'

export type ImportRun
  = | { state: 'idle' }
    | { state: 'working', op: 'dryRun' | 'commit', phase: ImportPhase | null }
    | { state: 'checked', answer: ImportAnswer }
    | { state: 'committed', answer: ImportAnswer }
    | { state: 'failed', op: 'dryRun' | 'commit', problem: ServiceProblem, answer: ImportAnswer | null }

/** What the file picker accepts; the service reads the content, this only spares a pointless upload. */
export const IMPORT_FILE_TYPES = '.xlsx,.csv'
export const isImportFile = (name: string) => /\.(?:xlsx|csv)$/i.test(name)

export const useImportDraft = defineStore('importDraft', () => {
  const session = useSessionStore()
  const kind = ref<ImportKind>('chambers')
  const period = ref(currentPeriod('chambers', shanghaiDate(Date.now())))
  const file = shallowRef<File | null>(null)
  const run = shallowRef<ImportRun>({ state: 'idle' })

  const spec = computed(() => kindSpecs[kind.value])
  /**
   * A commit under way: the choice is locked until it answers. Cancelling it would not undo it
   * (the service may already have stored it), only hide whether it did.
   */
  const committing = computed(() => run.value.state === 'working' && run.value.op === 'commit')
  const periodOk = computed(() => isPeriodOf(kind.value, period.value))

  // A period of the old kind means nothing for a new one: this month, today or this year instead.
  watch(kind, (k) => {
    if (!isPeriodOf(k, period.value))
      period.value = currentPeriod(k, shanghaiDate(Date.now()))
  })

  let controller: AbortController | null = null
  /** Each run is numbered: the answer of one overtaken by a newer choice is dropped. */
  let runs = 0

  async function send(op: 'dryRun' | 'commit', basedOn?: number | null): Promise<void> {
    const chosen = file.value
    if (!chosen || !periodOk.value)
      return
    controller?.abort()
    const mine = ++runs
    controller = new AbortController()
    const previous = run.value.state === 'checked' ? run.value.answer : null
    run.value = { state: 'working', op, phase: null }
    try {
      const answer = await session.client.imports.send({
        kind: kind.value,
        period: period.value,
        file: chosen,
        dryRun: op === 'dryRun',
        basedOn,
        signal: controller.signal,
        onPhase: (phase) => {
          if (mine === runs)
            run.value = { state: 'working', op, phase }
        },
      })
      if (mine === runs)
        run.value = op === 'dryRun' || !answer.ok ? { state: 'checked', answer } : { state: 'committed', answer }
    }
    catch (error) {
      const problem = problemOf(error)
      // After STALE the dry run's answer compares against an import no longer in force: it goes.
      if (mine === runs && problem.code !== 'CANCELLED')
        run.value = { state: 'failed', op, problem, answer: problem.code === 'STALE' ? null : previous }
    }
  }

  /** Checks what is chosen; called whenever the kind, the period or the file changes. */
  const dryRun = () => send('dryRun')

  /** Imports the file the last dry run checked, based on what that dry run compared against. */
  function commit() {
    if (run.value.state === 'checked')
      return send('commit', run.value.answer.basedOn)
  }

  function choose(f: File | null) {
    if (!committing.value)
      file.value = f
  }

  function forget() {
    controller?.abort()
    runs++
    run.value = { state: 'idle' }
  }

  /** Signed out on purpose: the next person at this PC starts without the last one's file. */
  function clear() {
    file.value = null
    forget()
  }

  watch([kind, period, file], () => {
    forget()
    void dryRun()
  })

  return { kind, period, file, run, spec, periodOk, committing, choose, dryRun, commit, forget, clear }
})
