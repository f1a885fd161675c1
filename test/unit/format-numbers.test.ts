import type { Locale } from '~/i18n/translate.ts'
import { afterEach, describe, expect, it } from 'vitest'
import { formatBytes, formatChange, formatCount, formatDecimal, formatPercent, formatPercentNumber, formatPercentRange, known, percentagePoints } from '~/format/numbers.ts'
import { locales } from '~/i18n/translate.ts'

const MINUS = '\u2212'

describe.each(locales)('figures in %s', (locale: Locale) => {
  const o = { locale }

  it('counts exactly, grouped, from one to a trillion and past', () => {
    expect(formatCount(7, o)).toBe('7')
    expect(formatCount(43_255, o)).toBe('43,255')
    expect(formatCount(1e12, o)).toBe('1,000,000,000,000')
    expect(formatCount(1e21, o)).toBe('1,000,000,000,000,000,000,000')
    expect(formatCount(-1_348, o)).toBe('-1,348')
    expect(formatCount(2.5, o)).toBe('3')
  })

  it('writes decimals with their digits, grouped too', () => {
    expect(formatDecimal(27.35, o)).toBe('27.4')
    expect(formatDecimal(12, o)).toBe('12.0')
    expect(formatDecimal(1_234_567.89, o)).toBe('1,234,567.9')
    expect(formatDecimal(3.14159, { ...o, digits: 2 })).toBe('3.14')
    expect(formatDecimal(10, { ...o, trim: true })).toBe('10')
    expect(formatDecimal(4.768, { ...o, trim: true })).toBe('4.8')
  })

  it('writes a share as percent with one decimal and the sign after a space', () => {
    expect(formatPercent(140 / 446, o)).toBe('31.4 %')
    expect(formatPercent(1, o)).toBe('100.0 %')
    expect(formatPercent(0.35, { ...o, digits: 0 })).toBe('35 %')
    expect(formatPercent(12.5, o)).toBe('1,250.0 %')
    expect(formatPercentNumber(140 / 446, o)).toBe('31.4')
    expect(formatPercentRange(0, 0.08, { ...o, digits: 0 })).toBe('0–8 %')
  })

  it('states a size in bytes, a refused one rounded up so it never reads as its limit', () => {
    const MB = 1024 * 1024
    expect(formatBytes(512, o)).toBe('512 B')
    expect(formatBytes(1536, o)).toBe('1.5 KB')
    expect(formatBytes(1024, o)).toBe('1 KB')
    expect(formatBytes(50 * MB, o)).toBe('50 MB')
    expect(formatBytes(50 * MB + 1, { ...o, rounding: 'up' })).toBe('50.1 MB')
    expect(formatBytes(50 * MB + 1, o)).toBe('50 MB')
    expect(formatBytes(2048 * MB, o)).toBe('2,048 MB')
  })

  it('signs a change: plus, the minus sign U+2212, and none for no change', () => {
    expect(formatChange(12, o)).toBe('+12')
    expect(formatChange(-3, o)).toBe(`${MINUS}3`)
    expect(formatChange(0, o)).toBe('0')
    expect(formatChange(1_348, o)).toBe('+1,348')
    expect(formatChange(-0.4, { ...o, digits: 1 })).toBe(`${MINUS}0.4`)
    expect(formatChange(1.9, { ...o, digits: 1 })).toBe('+1.9')
  })

  it('never writes a negative zero, however it comes', () => {
    expect(formatCount(-0, o)).toBe('0')
    expect(formatCount(-0.4, o)).toBe('0')
    expect(formatDecimal(-0, o)).toBe('0.0')
    expect(formatDecimal(-0.04, o)).toBe('0.0')
    expect(formatDecimal(-0.05, o)).toBe('-0.1')
    expect(formatPercent(-0, o)).toBe('0.0 %')
    expect(formatPercent(-0.0001, o)).toBe('0.0 %')
    expect(formatChange(-0, o)).toBe('0')
    expect(formatChange(-0.04, { ...o, digits: 1 })).toBe('0.0')
  })

  it('reads null, undefined, NaN and infinities as missing: a dash, or the words given', () => {
    for (const x of [null, undefined, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(formatCount(x, o)).toBe('—')
      expect(formatDecimal(x, o)).toBe('—')
      expect(formatPercent(x, o)).toBe('—')
      expect(formatPercentNumber(x, o)).toBe('—')
      expect(formatChange(x, o)).toBe('—')
      expect(formatBytes(x, o)).toBe('—')
      expect(formatCount(x, { ...o, missing: '未提供' })).toBe('未提供')
      expect(formatPercent(x, { ...o, missing: '暂无数据' })).toBe('暂无数据')
    }
    expect(formatPercentRange(0, Number.NaN, o)).toBe('—')
  })
})

describe('the missing rule', () => {
  it('knows a figure only when it is a finite number', () => {
    expect([0, -0, 1e12, -3.5].every(known)).toBe(true)
    expect([null, undefined, Number.NaN, Number.POSITIVE_INFINITY].some(known)).toBe(false)
  })
})

describe('percentage points', () => {
  it('are the difference of the two shares as shown', () => {
    expect(percentagePoints(0.314, 0.295)).toBe(1.9)
    expect(percentagePoints(0.2954, 0.3136)).toBe(-1.9)
    // 31.449 % and 31.351 % show as 31.4 % both: no change, as the reader sees it.
    expect(percentagePoints(0.31449, 0.31351)).toBe(0)
    expect(percentagePoints(0.35, 0.28)).toBe(7)
    expect(percentagePoints(0.5, 0.25, 0)).toBe(25)
  })
})

describe('formatters', () => {
  const Real = Intl.NumberFormat
  afterEach(() => {
    Intl.NumberFormat = Real
  })

  it('are made once per locale and options, not once per figure', () => {
    let made = 0
    Intl.NumberFormat = function (...args: ConstructorParameters<typeof Real>) {
      made += 1
      return new Real(...args)
    } as unknown as typeof Real
    for (let i = 0; i < 100; i++)
      formatDecimal(i / 7, { locale: 'en', digits: 3 })
    expect(made).toBe(1)
    expect(formatDecimal(1 / 7, { locale: 'en', digits: 3 })).toBe('0.143')
  })
})
