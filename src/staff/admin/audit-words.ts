/**
 * The audit log's codes in words: an action by its name, the result (ok, refused:403), and the
 * actor — a user or token, `?<name tried>` for a failed sign-in, `-` for nobody. A code this
 * build does not know is shown as the service wrote it, never dropped.
 */
import type { AuditAction } from '~/accounts.ts'
import type { Translate } from '~/i18n/translate.ts'
import type { Tone } from '~/tables/table.ts'
import { auditActions } from '~/accounts.ts'

export const isAuditAction = (x: string): x is AuditAction => (auditActions as readonly string[]).includes(x)

export function actionText(action: string, t: Translate): string {
  return isAuditAction(action) ? t(`auditAction.${action}`) : action
}

export function actorText(who: string, t: Translate): string {
  if (who === '-' || who === '')
    return t('audit.nobody')
  return who.startsWith('?') ? t('audit.triedAs', { name: who.slice(1) }) : who
}

export function resultView(result: string, t: Translate): { text: string, tone: Tone | null } {
  if (result === 'ok')
    return { text: t('audit.ok'), tone: 'good' }
  const refused = /^refused:(\d{3})$/.exec(result)
  return refused ? { text: t('audit.refused', { status: refused[1]! }), tone: 'warn' } : { text: result, tone: null }
}
