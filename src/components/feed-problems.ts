import type { FeedProblem, Got } from '~/feed/problems.ts'
import type { Translate } from '~/i18n/translate.ts'
/** Validation's problems in the reader's words; the feed's field paths stay as code. */
import { MAX_COUNT, MAX_POINTS } from '~/feed/schema.ts'
import { formatCount } from '~/format/numbers.ts'

function gotText(t: Translate, got: Got): string {
  switch (got.kind) {
    case 'nothing': return t('got.nothing')
    case 'null': return t('got.null')
    case 'list': return t('got.list', { n: formatCount(got.length) })
    case 'object': return t('got.object')
    case 'value': return t('got.value', { json: got.json })
  }
}

function ruleText(t: Translate, p: Extract<FeedProblem, { kind: 'invalid' }>): string | null {
  switch (p.rule) {
    case null: return null
    case 'countMax': return t('rule.countMax', { max: formatCount(MAX_COUNT) })
    case 'pointsMax': return t('rule.pointsMax', { max: formatCount(MAX_POINTS) })
    case 'oneOf': return t('rule.oneOf', { options: p.options ?? '' })
    default: return t(`rule.${p.rule}`)
  }
}

export function feedProblemText(t: Translate, p: FeedProblem): string {
  switch (p.kind) {
    case 'invalid': {
      const rule = ruleText(t, p)
      const got = gotText(t, p.got)
      return rule === null ? t('problem.invalidAny', { path: p.path, got }) : t('problem.invalid', { path: p.path, rule, got })
    }
    case 'missing': return t('problem.missing', { path: p.path })
    case 'sectionMissing': return t('problem.sectionMissing', { section: p.section })
    case 'more': return t('problem.more', { section: p.section, count: formatCount(p.count) })
    case 'notObject': return t('problem.notObject', { got: gotText(t, p.got) })
    case 'version': return t('problem.version', { got: gotText(t, p.got) })
    case 'nothingUsable': return t('problem.nothingUsable', { first: feedProblemsText(t, p.first) })
  }
}

/** Several problems on one line, as the header's reason shows them. */
export function feedProblemsText(t: Translate, problems: readonly FeedProblem[]): string {
  return problems.map(p => feedProblemText(t, p)).join(t('problem.join'))
}
