import { describe, expect, it } from 'vitest'
import { formatLike, parseFigure, tweenAt } from '~/wall/parts/tween.ts'

describe('big-number tween', () => {
  it('reads the figures the wall shows and keeps their format', () => {
    expect(parseFigure('43,255')).toEqual({ value: 43255, decimals: 0 })
    expect(parseFigure('31.4')).toEqual({ value: 31.4, decimals: 1 })
    expect(parseFigure('—')).toBeNull()
    expect(parseFigure('12 个')).toBeNull()
    expect(formatLike(43261.6, parseFigure('43,262')!)).toBe('43,262')
    expect(formatLike(31.44, parseFigure('31.6')!)).toBe('31.4')
    // A frame between two figures is grouped as a count is, whatever the figure it lands on.
    expect(formatLike(1500.2, parseFigure('999')!)).toBe('1,500')
  })
  it('starts at the old value and lands exactly on the new one', () => {
    expect(tweenAt(100, 200, 0)).toBe(100)
    expect(tweenAt(100, 200, 1)).toBe(200)
    expect(tweenAt(100, 200, 2)).toBe(200)
    expect(tweenAt(100, 200, 0.5)).toBeGreaterThan(150)
  })
})
