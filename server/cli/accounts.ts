import type { Kysely } from 'kysely'
/**
 * `user add | passwd | remove` and `token add | revoke` (service-contract.md). A password is the
 * first line of stdin: a terminal is asked for it twice without echo, a pipe is read as it is.
 * Every change is logged in the audit log as the command line's.
 */
import type { AuditAction, Role } from '../../src/accounts.ts'
import type { Database } from '../store/schema.ts'
import process from 'node:process'
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import { isRole, roles, tokenRoles } from '../../src/accounts.ts'
import { addToken, revokeToken } from '../auth/tokens.ts'
import { AccountError, addUser, changeUser, removeUser } from '../auth/users.ts'
import { recordAudit } from '../store/audit.ts'
import { CliError, note, say } from './out.ts'

function named(value: string | undefined, what: string): string {
  if (!value)
    throw new CliError(`缺少${what}`, 2)
  return value
}

/** One line typed at a terminal with nothing shown, or the first line of a pipe. */
async function readLine(prompt: string): Promise<string> {
  const input = process.stdin
  if (!input.isTTY) {
    const lines = createInterface({ input, crlfDelay: Infinity })
    const first = await lines[Symbol.asyncIterator]().next()
    lines.close()
    if (first.done)
      throw new CliError('标准输入中没有密码（第一行应为密码）', 2)
    return first.value
  }
  // Keys one at a time, shown as nothing. Listeners, not an async iterator: leaving a for-await
  // loop destroys stdin, and the second prompt (the password again) would find it gone.
  return new Promise((resolve, reject) => {
    let typed = ''
    const finish = () => {
      input.off('data', onKeys)
      input.setRawMode(false)
      input.pause()
      process.stderr.write('\n')
    }
    function onKeys(chunk: string) {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          finish()
          resolve(typed)
          return
        }
        if (ch === '\u0003') {
          finish()
          reject(new CliError('已取消', 130))
          return
        }
        typed = ch === '\u007F' || ch === '\b' ? typed.slice(0, -1) : typed + ch
      }
    }
    process.stderr.write(prompt)
    input.setRawMode(true)
    input.setEncoding('utf8')
    input.on('data', onKeys)
    input.resume()
  })
}

async function newPassword(): Promise<string> {
  const password = await readLine('新密码：')
  if (process.stdin.isTTY && await readLine('再输入一次：') !== password)
    throw new CliError('两次输入的密码不一致')
  return password
}

async function logged<T>(db: Kysely<Database>, action: AuditAction, target: string, work: () => Promise<T>): Promise<T> {
  try {
    const result = await work()
    await recordAudit(db, { who: 'cli', action, target, from: 'cli', result: 'ok' })
    return result
  }
  catch (e) {
    await recordAudit(db, { who: 'cli', action, target, from: 'cli', result: 'refused' })
    throw e instanceof AccountError ? new CliError(e.message) : e
  }
}

/** `readPassword` is the terminal or the pipe; tests hand in their own. */
export async function userCommand(db: Kysely<Database>, args: string[], readPassword: () => Promise<string> = newPassword): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { role: { type: 'string' } } })
  const [verb, rawName] = positionals
  const name = named(rawName, '用户名')
  if (verb === 'add') {
    const role = values.role
    if (!isRole(role))
      throw new CliError(`--role 应为 ${roles.join('、')}`, 2)
    const password = await readPassword()
    await logged(db, 'user.add', `${name} ${role}`, () => addUser(db, name, role as Role, password))
    note(`已添加用户“${name}”（${role}）`)
    return 0
  }
  if (verb === 'passwd') {
    const password = await readPassword()
    await logged(db, 'user.change', `${name} 密码`, () => changeUser(db, name, { password }))
    note(`已更改“${name}”的密码；其登录会话已结束`)
    return 0
  }
  if (verb === 'remove') {
    await logged(db, 'user.remove', name, () => removeUser(db, name))
    note(`已移除用户“${name}”`)
    return 0
  }
  throw new CliError('user 的子命令应为 add、passwd 或 remove', 2)
}

export async function tokenCommand(db: Kysely<Database>, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { role: { type: 'string' } } })
  const [verb, rawName] = positionals
  const name = named(rawName, '令牌名称')
  if (verb === 'add') {
    const role = values.role as 'editor' | 'admin'
    if (!tokenRoles.includes(role))
      throw new CliError(`--role 应为 ${tokenRoles.join(' 或 ')}`, 2)
    const token = await logged(db, 'token.add', `${name} ${role}`, () => addToken(db, name, role))
    note(`已为“${name}”发放 ${role} 令牌；它只显示这一次：`)
    say(token)
    return 0
  }
  if (verb === 'revoke') {
    await logged(db, 'token.revoke', name, async () => {
      if (!await revokeToken(db, name))
        throw new CliError(`“${name}”没有有效的令牌`)
    })
    note(`已吊销“${name}”的令牌`)
    return 0
  }
  throw new CliError('token 的子命令应为 add 或 revoke', 2)
}
