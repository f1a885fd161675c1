import { describe, expect, it } from 'vitest'
import { studyDayParts, studyDaySummary } from '~/wall/parts/study-day.ts'
import { en, zh } from '../fixtures/words.ts'

describe('which day a study panel shows, in parts most important first', () => {
  it('puts "not today" before the date, so a narrow panel drops the date and keeps the warning', () => {
    expect(studyDayParts(zh, { isToday: false, date: '2026-11-26' })).toEqual(['非今日积分', '2026-11-26'])
    expect(studyDayParts(en, { isToday: true, date: '2026-11-26' })).toEqual(['today', '2026-11-26'])
  })

  it('the rankings title adds who studied and the points in all, after the day', () => {
    expect(studyDaySummary(zh, { isToday: true, date: '2026-11-26', participants: 17_567, pointsToday: 251_330 }))
      .toEqual(['今日积分', '2026-11-26', '参学 17,567 人', '合计 251,330 分'])
  })
})
