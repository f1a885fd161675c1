import { describe, expect, it } from 'vitest'
import { nextIndex, rotationPlan, screenKey, startIndex } from '~/wall/rotation.ts'

describe('rotationPlan', () => {
  it('expands groups into one screen per district group, in order', () => {
    const plan = rotationPlan(['overview', 'groups', 'rankings', 'oversight'], ['g1', 'g2'])
    expect(plan.map(screenKey)).toEqual(['overview', 'group:g1', 'group:g2', 'rankings', 'oversight'])
  })
  it('shows a repeated group id or view once, so the rotation always moves on', () => {
    const plan = rotationPlan(['overview', 'groups', 'overview'], ['g1', 'g1', 'g2'])
    expect(plan.map(screenKey)).toEqual(['overview', 'group:g1', 'group:g2'])
    const keys = [screenKey(plan[0]!)]
    for (let i = 0; i < 3; i++)
      keys.push(screenKey(plan[nextIndex(plan, keys.at(-1)!)]!))
    expect(keys).toEqual(['overview', 'group:g1', 'group:g2', 'overview'])
  })
  it('turns to the trends only while the feed sends series', () => {
    expect(rotationPlan(['overview', 'trends'], [], { trends: true }).map(screenKey)).toEqual(['overview', 'trends'])
    expect(rotationPlan(['overview', 'trends'], [], { trends: false }).map(screenKey)).toEqual(['overview'])
  })
  it('is never empty', () => {
    expect(rotationPlan(['groups'], []).map(screenKey)).toEqual(['overview'])
  })
})

describe('moving through the plan', () => {
  const plan = rotationPlan(['overview', 'groups', 'rankings'], ['g1', 'g2'])
  it('starts where ?view= says, else at the beginning', () => {
    expect(startIndex(plan, 'group:g2')).toBe(2)
    expect(startIndex(plan, 'nowhere')).toBe(0)
    expect(startIndex(plan, null)).toBe(0)
  })
  it('goes on after the current screen and wraps', () => {
    expect(nextIndex(plan, 'overview')).toBe(1)
    expect(nextIndex(plan, 'rankings')).toBe(0)
  })
  it('restarts when the current screen left the plan (a group disappeared)', () => {
    expect(nextIndex(plan, 'group:g9')).toBe(0)
  })
})
