import { afterEach, describe, expect, it } from 'vitest'
import { formatDate, formatDateTime, formatDayTime, formatDuration, formatLongDate, formatMoment, formatMonth, formatMonthDay, formatPeriodTick, formatTime } from '~/format/time.ts'
import { shanghaiDate, shanghaiHour } from '~/time.ts'

/** 2026-12-31 23:59:09 in Shanghai: 15:59:09 UTC, the day before the year turns there. */
const EVE = Date.UTC(2026, 11, 31, 15, 59, 9)
/** One minute later: 2027-01-01 00:00:09 in Shanghai, still 2026-12-31 in UTC. */
const NEW_YEAR = EVE + 60_000

describe('shanghai dates and times', () => {
  const tz = process.env.TZ
  afterEach(() => {
    process.env.TZ = tz
  })

  it('write the day, month and time as Shanghai clocks show them', () => {
    expect(formatDate(EVE)).toBe('2026-12-31')
    expect(formatDate(NEW_YEAR)).toBe('2027-01-01')
    expect(formatMonth(NEW_YEAR)).toBe('2027-01')
    expect(formatTime(EVE)).toBe('23:59')
    expect(formatTime(EVE, { seconds: true })).toBe('23:59:09')
    expect(formatTime(NEW_YEAR, { seconds: true })).toBe('00:00:09')
    expect(formatDateTime(EVE)).toBe('2026-12-31 23:59')
    expect(formatDateTime(EVE, { seconds: true })).toBe('2026-12-31 23:59:09')
    expect(formatDateTime(NEW_YEAR, { year: false })).toBe('01-01 00:00')
  })

  it('do so whatever the PC\'s timezone', () => {
    process.env.TZ = 'America/Los_Angeles'
    expect(formatDateTime(NEW_YEAR, { seconds: true })).toBe('2027-01-01 00:00:09')
    expect(formatLongDate(NEW_YEAR, { locale: 'zh-CN' })).toBe('2027年1月1日 星期五')
  })

  it('read the hour and the day on the same Shanghai clock', () => {
    expect(shanghaiHour(EVE)).toBe(23)
    expect(shanghaiHour(NEW_YEAR)).toBe(0)
    expect(shanghaiDate(NEW_YEAR)).toBe('2027-01-01')
    process.env.TZ = 'America/Los_Angeles'
    expect(shanghaiHour(Date.UTC(2026, 5, 1, 2))).toBe(10)
    // Before 1970 the hour is still of its own day, never negative.
    expect(shanghaiHour(Date.UTC(1969, 11, 31, 15))).toBe(23)
  })

  it('say a moment briefly: the time today, the day and time before', () => {
    expect(formatMoment(EVE, '2026-12-31')).toBe('23:59')
    expect(formatMoment(EVE, '2027-01-01')).toBe('12-31 23:59')
  })

  it('word a day in the reader\'s language: Chinese in words, English in the feed\'s form', () => {
    expect(formatLongDate(EVE, { locale: 'zh-CN' })).toBe('2026年12月31日 星期四')
    expect(formatLongDate(EVE, { locale: 'en' })).toBe('2026-12-31 Thursday')
    expect(formatLongDate(Date.UTC(2026, 0, 4, 16), { locale: 'zh-CN' })).toBe('2026年1月5日 星期一')
    expect(formatDayTime(EVE, { locale: 'zh-CN' })).toBe('12月31日 23:59')
    expect(formatDayTime(EVE, { locale: 'en' })).toBe('2026-12-31 23:59')
  })

  it('shorten a period for a chart axis', () => {
    expect(formatPeriodTick('2020-11')).toBe('20/11')
    expect(formatPeriodTick('2020-11-26')).toBe('11/26')
  })

  it('leave the year off a feed date where it goes without saying, and anything else as it came', () => {
    expect(formatMonthDay('2026-12-31')).toBe('12-31')
    expect(formatMonthDay('2027-01-01')).toBe(formatDateTime(NEW_YEAR, { year: false }).slice(0, 5))
    expect(formatMonthDay('2026-12')).toBe('2026-12')
    expect(formatMonthDay('')).toBe('')
  })

  it('count a length of time in whole units: passed, or the nearest for "about"', () => {
    expect(formatDuration(5 * 60_000 + 59_000, 'minute')).toBe('5')
    expect(formatDuration(1.6 * 3_600_000, 'hour')).toBe('1')
    expect(formatDuration(1.6 * 3_600_000, 'hour', { rounding: 'nearest' })).toBe('2')
    expect(formatDuration(400 * 86_400_000, 'hour')).toBe('9,600')
    expect(formatDuration(0, 'second')).toBe('0')
  })

  it('read a missing, unreadable or out-of-range time as missing', () => {
    for (const ms of [null, undefined, Number.NaN, Number.POSITIVE_INFINITY, 1e20]) {
      expect(formatDate(ms)).toBe('—')
      expect(formatMonth(ms)).toBe('—')
      expect(formatTime(ms)).toBe('—')
      expect(formatDateTime(ms, { missing: '未提供' })).toBe('未提供')
      expect(formatMoment(ms, '2026-12-31')).toBe('—')
      expect(formatLongDate(ms)).toBe('—')
      expect(formatDayTime(ms)).toBe('—')
    }
    expect(formatDuration(null, 'minute', { missing: '暂无数据' })).toBe('暂无数据')
  })
})
