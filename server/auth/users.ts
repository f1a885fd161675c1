/**
 * Staff accounts: a name, a role and a scrypt hash. Removing an account or changing its password
 * ends its sessions; the last admin can be neither removed nor demoted, so the service is never
 * left without anyone who can manage it.
 */
import type { Kysely, Transaction } from 'kysely'
import type { Role } from '../../src/accounts.ts'
import type { Database } from '../store/schema.ts'
import { hashPassword, passwordProblem, verifyPassword } from './passwords.ts'

export interface User {
  name: string
  role: Role
  createdAt: Date
  lastSignInAt: Date | null
}

export class AccountError extends Error {
  constructor(readonly code: 'BAD_REQUEST' | 'EXISTS' | 'NOT_FOUND' | 'LAST_ADMIN', message: string) {
    super(message)
  }
}

/** A name staff type and read: 1–64 characters, no control characters, no spaces at the ends. */
export function nameProblem(name: string): string | null {
  if (name.length === 0 || name.length > 64)
    return '名称应为 1–64 个字符'
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001F\u007F-\u009F\u2028\u2029]/.test(name))
    return '名称不能含控制字符'
  if (name !== name.trim())
    return '名称首尾不能有空格'
  return null
}

function checked(name: string, password?: string): void {
  const problem = nameProblem(name) ?? (password === undefined ? null : passwordProblem(password))
  if (problem)
    throw new AccountError('BAD_REQUEST', problem)
}

export async function listUsers(db: Kysely<Database>): Promise<User[]> {
  const rows = await db.selectFrom('users').select(['name', 'role', 'created_at', 'last_sign_in_at']).orderBy('name').execute()
  return rows.map(r => ({ name: r.name, role: r.role, createdAt: r.created_at, lastSignInAt: r.last_sign_in_at }))
}

export async function hasUsers(db: Kysely<Database>): Promise<boolean> {
  return (await db.selectFrom('users').select('name').limit(1).execute()).length > 0
}

export async function addUser(db: Kysely<Database>, name: string, role: Role, password: string): Promise<void> {
  checked(name, password)
  const hash = await hashPassword(password)
  const added = await db.insertInto('users').values({ name, role, password: hash }).onConflict(c => c.column('name').doNothing()).executeTakeFirst()
  if (Number(added.numInsertedOrUpdatedRows ?? 0) === 0)
    throw new AccountError('EXISTS', `已有名为“${name}”的用户`)
}

/** The admins left once `name` is no longer one, counted under a lock so two admins cannot demote each other at once. */
async function guardLastAdmin(trx: Transaction<Database>, name: string): Promise<void> {
  const admins = await trx.selectFrom('users').select('name').where('role', '=', 'admin').forUpdate().execute()
  if (admins.length === 1 && admins[0]!.name === name)
    throw new AccountError('LAST_ADMIN', `“${name}”是最后一位管理员，不能移除或降级`)
}

export async function changeUser(db: Kysely<Database>, name: string, change: { role?: Role, password?: string }): Promise<User> {
  if (change.password !== undefined)
    checked(name, change.password)
  const hash = change.password === undefined ? undefined : await hashPassword(change.password)
  return db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').select(['name', 'role', 'created_at', 'last_sign_in_at']).where('name', '=', name).forUpdate().executeTakeFirst()
    if (!user)
      throw new AccountError('NOT_FOUND', `没有名为“${name}”的用户`)
    if (change.role !== undefined && change.role !== 'admin' && user.role === 'admin')
      await guardLastAdmin(trx, name)
    await trx.updateTable('users').set({ ...(change.role && { role: change.role }), ...(hash && { password: hash }) }).where('name', '=', name).execute()
    // A new password or a lower role takes effect now, not when the old sessions run out.
    if (hash || change.role !== undefined)
      await trx.deleteFrom('sessions').where('user_name', '=', name).execute()
    return { name, role: change.role ?? user.role, createdAt: user.created_at, lastSignInAt: user.last_sign_in_at }
  })
}

export async function removeUser(db: Kysely<Database>, name: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').select('role').where('name', '=', name).forUpdate().executeTakeFirst()
    if (!user)
      throw new AccountError('NOT_FOUND', `没有名为“${name}”的用户`)
    if (user.role === 'admin')
      await guardLastAdmin(trx, name)
    // Its sessions go with it (on delete cascade).
    await trx.deleteFrom('users').where('name', '=', name).execute()
  })
}

/** The user, when `password` is theirs; null otherwise, after the same work either way. */
export async function checkPassword(db: Kysely<Database>, name: string, password: string): Promise<{ name: string, role: Role } | null> {
  const user = await db.selectFrom('users').select(['name', 'role', 'password']).where('name', '=', name).executeTakeFirst()
  const ok = await verifyPassword(password, user?.password ?? null)
  return ok && user ? { name: user.name, role: user.role } : null
}
