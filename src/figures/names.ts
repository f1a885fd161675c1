/**
 * Feed names as text a chart or a list can show on one line. A newline inside a name would put
 * a chart label on the wrong bar and break a row in two; a zero-width or other invisible format
 * character makes two names that look alike differ, and measures as nothing where it still
 * takes room; a bidi control (U+202E) reverses the text after it. All of them go; what is left
 * is the name as the feed gives it.
 */

/** Invisible format characters and controls (zero-width space, joiners, U+2060, U+FEFF…). */
const INVISIBLE = /[\p{Cc}\p{Cf}]/gu
/** Whitespace, as a space; U+FEFF counts as whitespace to JavaScript but is a zero-width mark. */
const SPACE = /[^\S\uFEFF]|\u0085/u
/** A zero-width joiner inside an emoji sequence (👨‍👩‍👧) is part of one picture, and stays. */
const EMOJI_JOINER = /(?<=\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier})?)\u200D(?=\p{Extended_Pictographic})/uy

function isEmojiJoiner(text: string, at: number): boolean {
  EMOJI_JOINER.lastIndex = at
  return EMOJI_JOINER.test(text)
}

/**
 * One line of visible characters: every run of whitespace (newlines, tabs, U+2028/U+2029
 * included) becomes one space, invisible format characters and bidi controls are removed,
 * the ends are trimmed.
 */
export function oneLine(name: string): string {
  const kept = name.replace(INVISIBLE, (c, at: number) =>
    SPACE.test(c) || (c === '\u200D' && isEmojiJoiner(name, at)) ? c : '')
  return kept.replace(/[\s\u0085]+/g, ' ').trim()
}

/** A character two columns wide: CJK, full-width forms, Hangul, and emoji drawn as pictures. */
const WIDE = /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{20000}-\u{3FFFD}]/u
const EMOJI = /[\p{Emoji_Presentation}\uFE0F\u200D]/u
/** Combining marks alone take no column of their own. */
const MARK = /^\p{M}+$/u

let segmenter: Intl.Segmenter | undefined
/** What a reader sees as one character: 👨‍👩‍👧 is one, and so is é written as e + ◌́. */
function graphemes(text: string): Iterable<string> {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' })
  return (function* () {
    for (const s of segmenter!.segment(text))
      yield s.segment
  })()
}

/**
 * A grapheme's width in columns of half an em: Latin 1, CJK 2, an emoji 3 (colour emoji are
 * drawn wider than a CJK character, and a cut must never be wider than its room).
 */
export function graphemeWidth(g: string): number {
  if (EMOJI.test(g))
    return 3
  if (WIDE.test(g))
    return 2
  return MARK.test(g) ? 0 : 1
}

/** The width of a text in columns of half an em (graphemeWidth). */
export function displayWidth(text: string): number {
  let width = 0
  for (const g of graphemes(text))
    width += graphemeWidth(g)
  return width
}

/** The ellipsis of a cut name; two columns, as CJK fonts draw it. */
export const ELLIPSIS = '…'

/**
 * The text cut to `columns` (halves of an em) with an ellipsis, between whole characters: an
 * emoji or a joined sequence is never split into half a picture. Text that fits is unchanged.
 */
export function cutToWidth(text: string, columns: number): string {
  // Nothing is wider than 3 columns: short text fits without being measured.
  if (text.length * 3 <= columns)
    return text
  const room = columns - 2
  let width = 0
  let kept = ''
  let cut = false
  for (const g of graphemes(text)) {
    const w = graphemeWidth(g)
    if (width + w > columns) {
      cut = true
      break
    }
    if (width + w <= room)
      kept += g
    width += w
  }
  return cut ? `${kept.trimEnd()}${ELLIPSIS}` : text
}

/**
 * The text cut to `count` characters as a reader counts them (graphemes), the last of them an
 * ellipsis; for a list whose room is set in characters. Text that fits is unchanged.
 */
export function cutToCharacters(text: string, count: number): string {
  if (text.length <= count)
    return text
  const kept: string[] = []
  for (const g of graphemes(text)) {
    if (kept.length === count)
      return `${kept.slice(0, count - 1).join('').trimEnd()}${ELLIPSIS}`
    kept.push(g)
  }
  return text
}

/**
 * A feed name as a chart draws it: one line of visible characters, cut with an ellipsis to
 * `columns`. The whole name (oneLine) goes in the tooltip and the tables.
 */
export function chartLabel(name: string, columns: number): string {
  return cutToWidth(oneLine(name), columns)
}
