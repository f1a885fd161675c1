import { afterEach, describe, expect, it } from 'vitest'
import { setCurrentLocale } from '~/i18n/locale.ts'
import { ServiceProblem } from '~/service/problem.ts'
import { problemText, waitMinutes } from '~/staff/account/problem-words.ts'
import { actionText, actorText, resultView } from '~/staff/admin/audit-words.ts'
import { passwordProblem } from '~/staff/admin/passwords.ts'
import { en, zh } from '../fixtures/words.ts'

describe('a refusal in words', () => {
  afterEach(() => setCurrentLocale('zh-CN'))

  it('in Chinese, the service\'s own words; without them, the code\'s', () => {
    expect(problemText(zh, new ServiceProblem(409, 'LAST_ADMIN', '不能删除最后一位管理员“anna”'))).toBe('不能删除最后一位管理员“anna”')
    expect(problemText(zh, new ServiceProblem(0, 'NETWORK', ''))).toBe('无法连接数据服务（网络错误）')
    expect(problemText(zh, new ServiceProblem(502, 'HTTP', ''))).toBe('数据服务拒绝了请求（502 HTTP）')
  })

  it('in English, the code\'s words, and an unknown code named with its status', () => {
    setCurrentLocale('en')
    expect(problemText(en, new ServiceProblem(409, 'LAST_ADMIN', '不能删除最后一位管理员'))).toBe('The last admin cannot be removed or demoted')
    expect(problemText(en, new ServiceProblem(418, 'TEAPOT', '我是茶壶'))).toBe('The data service refused the request (HTTP 418, TEAPOT)')
    expect(problemText(en, new ServiceProblem(0, 'toString', ''))).toBe('The data service refused the request (HTTP —, toString)')
  })

  it('says the minutes to wait, rounded up, at least one', () => {
    expect(zh('signIn.tooMany', { n: waitMinutes(840) })).toBe('尝试次数过多，请 14 分钟后再试')
    expect(zh('signIn.tooMany', { n: waitMinutes(10) })).toBe('尝试次数过多，请 1 分钟后再试')
    expect(en('signIn.tooMany', { n: waitMinutes(61) })).toBe('Too many tries: try again in 2 minutes')
    expect(en('signIn.tooMany', { n: waitMinutes(null) })).toBe('Too many tries: try again in 1 minute')
  })
})

describe('a new password', () => {
  it('needs 8 characters, as people count them, typed the same twice', () => {
    expect(passwordProblem('short', 'short', zh)).toBe('密码至少 8 个字符')
    expect(passwordProblem('😀😀😀😀😀😀😀', '😀😀😀😀😀😀😀', zh)).toBe('密码至少 8 个字符')
    expect(passwordProblem('pass-word-1', 'pass-word-2', zh)).toBe('两次输入的密码不一致')
    expect(passwordProblem('pass-word-1', 'pass-word-1', zh)).toBeNull()
  })
})

describe('the audit log in words', () => {
  it('names actions, and keeps an unknown one as the service wrote it', () => {
    expect(actionText('import.commit', zh)).toBe('导入')
    expect(actionText('session.open', en)).toBe('Sign in')
    expect(actionText('backup.make', zh)).toBe('backup.make')
  })

  it('names the actor: a user, a failed sign-in\'s name, or nobody', () => {
    expect(actorText('anna', zh)).toBe('anna')
    expect(actorText('?mallory', zh)).toBe('尝试以“mallory”登录')
    expect(actorText('-', en)).toBe('(nobody)')
  })

  it('words results, with a tone beside the words', () => {
    expect(resultView('ok', zh)).toEqual({ text: '成功', tone: 'good' })
    expect(resultView('refused:403', zh)).toEqual({ text: '被拒绝（403）', tone: 'warn' })
    expect(resultView('partial', en)).toEqual({ text: 'partial', tone: null })
  })
})
