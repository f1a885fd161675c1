import { describe, expect, it } from 'vitest'
import { tooltipName, tooltipText } from '~/charts/escape.ts'
import { FSI, isIsolated, isolateDirection, PDI } from '~/feed/text.ts'
import { chartLabel, cutToCharacters, cutToWidth, displayWidth, oneLine } from '~/figures/names.ts'
import { barLabel } from '~/panels/bars.ts'

/** A five-line chamber name as a careless export writes it: newlines, zero-width characters, emoji. */
const FIVE_LINES = '杭州市\n\u200B温州🏮商会\r\n\u2060联合\u2028会员😀\n\uFEFF分会'

describe('a feed name as one line of visible characters', () => {
  it('turns every line break (\\n, \\r\\n, U+2028, U+2029, U+0085) into one space', () => {
    expect(oneLine('a\nb\r\nc\u2028d\u2029e\u0085f\tg')).toBe('a b c d e f g')
  })

  it('removes zero-width and other invisible format characters and bidi controls', () => {
    expect(oneLine('杭\u200B州\u200C市\u200D温\u2060州\uFEFF商\u00AD会\u202E尾\u2066\u2069\u200E\u061C')).toBe('杭州市温州商会尾')
    expect(oneLine(FIVE_LINES)).toBe('杭州市 温州🏮商会 联合 会员😀 分会')
  })

  it('keeps the joiner inside an emoji sequence, which is one picture', () => {
    expect(oneLine('家👨\u200D👩\u200D👧')).toBe('家👨\u200D👩\u200D👧')
    expect(oneLine('a\u200Db')).toBe('ab')
  })
})

describe('widths and cuts', () => {
  it('counts CJK as two columns, emoji as three, Latin as one, a combining mark as none', () => {
    expect(displayWidth('ab')).toBe(2)
    expect(displayWidth('杭州')).toBe(4)
    expect(displayWidth('😀')).toBe(3)
    expect(displayWidth('👨\u200D👩\u200D👧')).toBe(3)
    expect(displayWidth('e\u0301')).toBe(1)
  })

  it('cuts to the width with an ellipsis, never through an emoji or a joined sequence', () => {
    expect(cutToWidth('杭州市温州商会', 14)).toBe('杭州市温州商会')
    expect(cutToWidth('杭州市温州商会', 13)).toBe('杭州市温州…')
    const cut = cutToWidth('会员😀👨\u200D👩\u200D👧😀😀😀', 14)
    expect(cut.endsWith('…')).toBe(true)
    expect(displayWidth(cut)).toBeLessThanOrEqual(14)
    expect(cut.slice(0, -1)).toBe('会员😀👨\u200D👩\u200D👧')
    // No lone surrogate is left by the cut.
    expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/)
  })

  it('cuts a list label to 24 characters as a reader counts them', () => {
    expect(cutToCharacters('x'.repeat(24), 24)).toBe('x'.repeat(24))
    expect(cutToCharacters(`${'😀'.repeat(30)}`, 24)).toBe(`${'😀'.repeat(23)}…`)
  })

  it('makes a chart label: one line, cleaned, bounded', () => {
    const label = chartLabel(FIVE_LINES, 20)
    expect(label).toBe('杭州市 温州🏮商会…')
    expect(label).not.toMatch(/[\n\r\u2028\u200B\u2060\uFEFF]/)
    expect(displayWidth(label)).toBeLessThanOrEqual(20)
    // A bar's name fits its room at the label size: 230 design px at 20 px is 23 columns.
    expect(displayWidth(barLabel(`${FIVE_LINES}${'长'.repeat(100)}`, 230))).toBeLessThanOrEqual(23)
    expect(barLabel('杭州市温州商会', 230)).toBe('杭州市温州商会')
  })
})

describe('a feed string\'s direction', () => {
  it('isolates a string with bidi controls, without them, and leaves every other string alone', () => {
    expect(isolateDirection('数字工商联\u202E系统')).toBe(`${FSI}数字工商联系统${PDI}`)
    expect(isolateDirection(`a${PDI}\u202Eb`)).toBe(`${FSI}ab${PDI}`)
    for (const c of ['\u202A', '\u202B', '\u202C', '\u202D', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C'])
      expect(isIsolated(isolateDirection(`x${c}y`)), `U+${c.codePointAt(0)!.toString(16)}`).toBe(true)
    expect(isolateDirection('杭州市温州商会')).toBe('杭州市温州商会')
    expect(isolateDirection(isolateDirection('a\u202Eb'))).toBe(isolateDirection('a\u202Eb'))
    expect(isIsolated('杭州')).toBe(false)
  })

  it('takes the controls out of tooltip lines, escapes them, and sets a name apart in <bdi>', () => {
    expect(tooltipText('<b>\u202E截至 2020-12-31</b>')).toBe('&lt;b&gt;截至 2020-12-31&lt;/b&gt;')
    expect(tooltipName(`${FSI}系统\u202E${PDI}`)).toBe('<bdi>系统</bdi>')
  })
})
