/**
 * Keeps the models up to date: a model is recomputed only when one of its inputs changed, and
 * reported only when its fingerprint changed, so an unchanged feed derives and sends nothing.
 */
import type { Basis } from './models.ts'
import type { ModelName, Models } from './view-models.ts'
import { textPrint } from '~/feed/sections.ts'
import { modelDefs } from './models.ts'
import { emptyModels, modelNames } from './view-models.ts'

/** FNV-1a over the model's JSON (maps as their entries): a collision only costs one skipped redraw. */
export function modelPrint(value: unknown): string {
  return textPrint(JSON.stringify(value, (_key, v: unknown) => v instanceof Map ? [...v.entries()] : v) ?? 'undefined')
}

export interface Deriver {
  /**
   * Brings every model (or only those named, whose inputs must be among them or sections) up to
   * date with the basis; returns the names whose fingerprint changed.
   */
  derive: (b: Basis, only?: ReadonlySet<ModelName>) => ModelName[]
  readonly models: Readonly<Models>
  print: (name: ModelName) => string | undefined
}

export function createDeriver(): Deriver {
  const models = emptyModels()
  const prints = new Map<ModelName, string>()
  const inputKeys = new Map<ModelName, string>()
  let targetsJson = ''
  let targetsOf: unknown = null

  function inputKey(name: string, b: Basis): string {
    if (name === 'today')
      return b.today
    if (name === 'hour')
      return String(b.hour)
    if (name === 'targets') {
      if (targetsOf !== b.targets) {
        targetsOf = b.targets
        targetsJson = JSON.stringify(b.targets)
      }
      return targetsJson
    }
    if (name in b.sections)
      return b.sections[name as keyof Basis['sections']].fingerprint ?? '-'
    return prints.get(name as ModelName) ?? '-'
  }

  return {
    derive(b, only) {
      const changed: ModelName[] = []
      for (const name of modelNames) {
        if (only && !only.has(name))
          continue // its input key is left as it was, so the next full derive brings it up to date
        const def = modelDefs[name]
        const key = def.uses.map(u => inputKey(u, b)).join('|')
        if (inputKeys.get(name) === key)
          continue
        inputKeys.set(name, key)
        const value = (def.derive as (b: Basis, m: Models) => Models[typeof name])(b, models)
        const print = modelPrint(value)
        if (prints.get(name) === print)
          continue
        prints.set(name, print)
        ;(models as Record<ModelName, unknown>)[name] = value
        changed.push(name)
      }
      return changed
    },
    models,
    print: name => prints.get(name),
  }
}
