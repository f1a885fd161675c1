/**
 * 较上月 / 同比 in words: sign, arrow and word together, so a change never rests on colour alone,
 * and a comparison across a 口径 change says it is not like for like.
 */
import type { Delta } from '~/figures/series.ts'
import type { HeadlineChanges } from '~/figures/trends.ts'
import type { Translate } from '~/i18n/translate.ts'
import { formatChange, formatCount, formatDecimal, formatPercent, percentagePoints } from '~/format/numbers.ts'

export type ChangeAgainst = 'previousMonth' | 'yearAgo'

export interface ChangeWords {
  /** 较上月, 同比: where a table has a column header, the cell leaves it out. */
  against: string
  /** The arrow and the signed amount: "▲ +2", "▼ −0.4 个百分点", "＝ 持平". */
  amount: string
  /** The comparison spans a 口径 change: shown as a mark with a footnote. */
  definitionChanged: boolean
  /** What a screen reader says: "较上月增加 2（2020-10：444）". */
  label: string
  direction: 'up' | 'down' | 'flat'
}

const ARROW = { up: '▲', down: '▼', flat: '＝' } as const
/** Beside a change across a 口径 change; the footnote under it says what it means. */
export const DEFINITION_MARK = '※'

/** `share`: the figure is a share (coverage) and moves in percentage points. */
export function changeWords(delta: Delta, against: ChangeAgainst, share: boolean, t: Translate): ChangeWords {
  // A share moves by the difference of the two figures as shown (31.4 % against 29.5 %: +1.9).
  const by = share ? percentagePoints(delta.now, delta.was) : delta.by
  const direction = by > 0 ? 'up' : by < 0 ? 'down' : 'flat'
  const size = share ? t('change.points', { n: formatDecimal(Math.abs(by)) }) : formatCount(Math.abs(by))
  const signed = share ? t('change.points', { n: formatChange(by, { digits: 1 }) }) : formatChange(by)
  const word = t(`change.${against}`)
  const was = share ? formatPercent(delta.was) : formatCount(delta.was)
  return {
    against: word,
    amount: direction === 'flat' ? `${ARROW.flat} ${t('change.flat')}` : `${ARROW[direction]} ${signed}`,
    definitionChanged: delta.definitionChanged,
    label: t(`change.said.${direction}`, { against: word, size, month: delta.month, was }) + (delta.definitionChanged ? t('change.definition') : ''),
    direction,
  }
}

/**
 * One line: "较上月 ▲ +2". Across a 口径 change it ends in `mark`: ※ where a footnote explains
 * it, the words themselves (口径调整) where there is no room for one.
 */
export function changeText(c: ChangeWords, opts: { word: boolean, mark: string } = { word: true, mark: DEFINITION_MARK }): string {
  return `${opts.word ? `${c.against} ` : ''}${c.amount}${c.definitionChanged ? ` ${opts.mark}` : ''}`
}

export type HeadlineFigure = 'chambers' | 'members' | 'partyOrgChambers' | 'coverage'
export const headlineFigures: readonly HeadlineFigure[] = ['chambers', 'members', 'partyOrgChambers', 'coverage']

/** Each headline figure's 较上月 and 同比 in words; null where the series has no such month. */
export type HeadlineWords = Record<HeadlineFigure, Record<ChangeAgainst, ChangeWords | null>>

/**
 * The words of every headline change, for the overview's cards and the trend screen's table
 * alike; a 片组's own changes (trends.ts, ScopeChanges) have the same four figures.
 */
export function headlineWords(h: Pick<HeadlineChanges, HeadlineFigure> | null | undefined, t: Translate): HeadlineWords {
  const words = (figure: HeadlineFigure, against: ChangeAgainst) => {
    const delta = h?.[figure]?.[against]
    return delta ? changeWords(delta, against, figure === 'coverage', t) : null
  }
  return Object.fromEntries(headlineFigures.map(f => [f, { previousMonth: words(f, 'previousMonth'), yearAgo: words(f, 'yearAgo') }])) as HeadlineWords
}
