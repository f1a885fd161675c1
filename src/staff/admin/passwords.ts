/** A new password as the service takes it (api22: 8 to 1,024 characters), checked before it is sent. */
import type { Translate } from '~/i18n/translate.ts'
import { formatCount } from '~/format/numbers.ts'

export const PASSWORD_MIN = 8
export const PASSWORD_MAX = 1024

/** What is wrong with a new password typed twice, in words; null when nothing is. */
export function passwordProblem(password: string, again: string, t: Translate): string | null {
  // Characters as people count them: an emoji is one, not two UTF-16 units.
  if ([...password].length < PASSWORD_MIN)
    return t('users.tooShort', { n: formatCount(PASSWORD_MIN) })
  return password === again ? null : t('users.mismatch')
}
