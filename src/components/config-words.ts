import type { Translate } from '../i18n/translate.ts'
/** The settings' problems in the reader's words: the banner over the wall says what was wrong and what is used instead. */
import type { ConfigProblem } from '~/config.ts'

export function configProblemText(t: Translate, p: ConfigProblem): string {
  switch (p.kind) {
    case 'notObject': return t('config.notObject')
    case 'notJson': return t('config.notJson')
    case 'unreadable': return t('config.unreadable')
    case 'http': return t('config.http', { status: p.status })
    case 'unknown': return t('config.unknown', { key: p.key })
    case 'invalid': return p.rule
      ? t('config.invalidRule', { key: p.path, given: p.given, rule: t(`config.rule.${p.rule}`) })
      : t('config.invalid', { key: p.path, given: p.given })
    case 'clamped': return t('config.clamped', { key: p.key, given: p.given, used: p.used })
    case 'feedRefused': return t('config.feedRefused', { url: p.url })
    case 'heartbeatRefused': return t('config.heartbeatRefused', { url: p.url })
  }
}
