/**
 * The data service's accounts, as a contract (service-contract.md, "Accounts and writes"): the
 * roles and what each may do, the roles a script's token may hold, and the actions the audit log
 * names. The service enforces them; the cockpit's staff pages offer and word them.
 */

export const roles = ['viewer', 'editor', 'admin'] as const
export type Role = typeof roles[number]

/** Tokens act for scripts, which import: never a mere viewer. */
export const tokenRoles = ['editor', 'admin'] as const satisfies readonly Role[]
export type TokenRole = typeof tokenRoles[number]

export const isRole = (x: unknown): x is Role => roles.includes(x as Role)

/** Whether `role` may act as `need`: viewer < editor < admin. */
export function mayAct(role: Role, need: Role): boolean {
  return roles.indexOf(role) >= roles.indexOf(need)
}

export const auditActions = [
  'session.open',
  'session.close',
  'import.dryRun',
  'import.commit',
  'import.withdraw',
  'user.add',
  'user.change',
  'user.remove',
  'token.add',
  'token.revoke',
  'wall.register',
  'wall.change',
  'wall.key',
  'wall.remove',
  'wall.command',
  'wall.settings',
] as const
export type AuditAction = typeof auditActions[number]
