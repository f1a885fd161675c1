/**
 * A ServiceProblem in the reader's words. The service words its refusals in Chinese and names
 * them by a code: in Chinese its own words are the most exact; in English the code's words
 * are said, and an unknown code is named with its status, never left blank.
 */
import type { MessageKey, Translate } from '~/i18n/translate.ts'
import type { ServiceProblem } from '~/service/problem.ts'
import { formatCount } from '~/format/numbers.ts'
import { currentLocale } from '~/i18n/index.ts'

const words: Readonly<Record<string, MessageKey>> = {
  NETWORK: 'problem.NETWORK',
  TIMEOUT: 'problem.TIMEOUT',
  BAD_ANSWER: 'problem.BAD_ANSWER',
  UNAUTHENTICATED: 'problem.UNAUTHENTICATED',
  SESSION_EXPIRED: 'problem.SESSION_EXPIRED',
  FORBIDDEN: 'problem.FORBIDDEN',
  CSRF: 'problem.CSRF',
  TOO_LARGE: 'problem.TOO_LARGE',
  NOT_CURRENT: 'problem.NOT_CURRENT',
  EXISTS: 'problem.EXISTS',
  LAST_ADMIN: 'problem.LAST_ADMIN',
  BAD_PERIOD: 'problem.BAD_PERIOD',
  DEMO_LOADED: 'problem.DEMO_LOADED',
  BUSY: 'problem.BUSY',
  BAD_REQUEST: 'problem.BAD_REQUEST',
  NOT_FOUND: 'problem.NOT_FOUND',
}

export function problemText(t: Translate, p: Pick<ServiceProblem, 'status' | 'code' | 'message'>): string {
  if (p.message && currentLocale() === 'zh-CN')
    return p.message
  const key = Object.hasOwn(words, p.code) ? words[p.code] : undefined
  // Every key above takes no parameters.
  return key ? (t as (k: MessageKey) => string)(key) : t('problem.other', { status: p.status ? String(p.status) : '—', code: p.code })
}

/** Minutes to wait after too many tries, rounded up: "请 1 分钟后再试" even for 10 seconds. */
export function waitMinutes(retryAfterSeconds: number | null): string {
  return formatCount(Math.max(1, Math.ceil((retryAfterSeconds ?? 60) / 60)))
}
