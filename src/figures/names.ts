/**
 * Feed names as one line of text: a newline or tab inside a name would put a chart label on
 * the wrong bar and break a row in two. Runs of whitespace become one space; the text is
 * otherwise left exactly as the feed gives it.
 */
export function oneLine(name: string): string {
  return name.replace(/\s+/g, ' ').trim()
}
