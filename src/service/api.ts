import type { AxiosInstance, AxiosRequestConfig } from 'axios'
import type { ImportAnswer } from './answers.ts'
import type { ImportPhase } from './import-stream.ts'
/**
 * The data service, as the staff pages call it: relative URLs (`api/...`, the cockpit may sit
 * under a sub-path of the service), the CSRF token on every write, every answer checked against
 * its schema, every failure a ServiceProblem. A 401 from any call but the sign-in itself tells
 * the session (`ended`): the page then asks to sign in again and keeps what was chosen.
 */
import type { Role, TokenRole } from '~/accounts.ts'
import type { WallSettings } from '~/walls.ts'
import axios from 'axios'
import * as v from 'valibot'
import { fleetSettings, wallDetail, wallEntry } from '~/walls.ts'
import * as answers from './answers.ts'
import { createPhaseReader, importOutcome } from './import-stream.ts'
import { problemOf, ServiceProblem } from './problem.ts'

export interface ServiceHooks {
  /** The session's CSRF token, sent on every write; null when none is known. */
  csrfToken: () => string | null
  /** A call was refused with 401: the session has ended (or never began). */
  ended: (problem: ServiceProblem) => void
}

/** The audit log's filters, as the page holds them: empty means "any". */
export interface AuditFilter {
  who: string
  action: string
  /** YYYY-MM-DD, Shanghai. */
  since: string
  until: string
}

/** A wall as an admin registers or accepts it. */
export interface WallRegistration {
  screenId: string
  name: string
  place: string
}

/** What an admin asks of one wall: to reload, or to take these settings (`{}` clears them). */
export type WallOrder = { type: 'reload' } | { type: 'settings', settings: WallSettings }

/** The fleet's settings an admin changes; a field left out stays. A null webhook removes it. */
export interface FleetSettingsChange {
  staleMinutes?: number
  alertMinutes?: number
  webhookUrl?: string | null
}

export interface ImportRequest {
  kind: string
  /** Empty for a kind without periods. */
  period: string
  file: Blob & { name?: string }
  dryRun: boolean
  /** For a commit: the import in force that the dry run compared against (null = none). */
  basedOn?: number | null
  onPhase?: (phase: ImportPhase) => void
  signal?: AbortSignal
}

const WRITES = new Set(['post', 'patch', 'put', 'delete'])
/** A big workbook takes a while to upload and check; nothing else should take this long. */
const IMPORT_TIMEOUT_MS = 10 * 60_000
const TIMEOUT_MS = 30_000

const seg = (s: string) => encodeURIComponent(s)

/** The query string of an audit filter, without the empty fields. */
export function auditQuery(filter: AuditFilter, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams()
  for (const [key, value] of Object.entries({ ...filter, ...extra })) {
    if (value.trim())
      q.set(key, value.trim())
  }
  return q.toString()
}

/** The address of an import: the kind, its period, dry run or commit and what it is based on. */
export function importUrl(r: Pick<ImportRequest, 'kind' | 'period' | 'dryRun' | 'basedOn'>): string {
  const q = new URLSearchParams({ period: r.period })
  if (r.dryRun)
    q.set('dryRun', '1')
  else if (r.basedOn !== undefined)
    q.set('basedOn', r.basedOn === null ? 'none' : String(r.basedOn))
  return `api/imports/${seg(r.kind)}?${q}`
}

/** A kind's template, which needs no sign-in. */
export const templateUrl = (kind: string) => `api/templates/${seg(kind)}.xlsx`

export function createServiceClient(hooks: ServiceHooks, http: AxiosInstance = axios.create()) {
  http.defaults.timeout = TIMEOUT_MS
  http.interceptors.request.use((config) => {
    const token = hooks.csrfToken()
    if (token && WRITES.has((config.method ?? 'get').toLowerCase()))
      config.headers.set('X-CSRF-Token', token)
    return config
  })

  /** A failure as a ServiceProblem; a 401 ends the session, unless it answered the sign-in itself. */
  function refused(error: unknown, signingIn = false): ServiceProblem {
    const problem = problemOf(error)
    if (problem.unauthenticated && !signingIn)
      hooks.ended(problem)
    return problem
  }

  async function call<S extends v.GenericSchema>(schema: S, config: AxiosRequestConfig, signingIn = false): Promise<v.InferOutput<S>> {
    let data: unknown
    try {
      data = (await http.request({ ...config, headers: { Accept: 'application/json', ...config.headers } })).data
    }
    catch (error) {
      throw refused(error, signingIn)
    }
    const checked = v.safeParse(schema, data)
    if (!checked.success)
      throw new ServiceProblem(200, 'BAD_ANSWER', '')
    return checked.output
  }

  /** POST a file; the answer streams its phases (import-stream.ts) and ends with the import's answer. */
  async function sendImport(r: ImportRequest): Promise<ImportAnswer> {
    const form = new FormData()
    form.append('file', r.file, r.file.name ?? 'file')
    const phases = createPhaseReader()
    try {
      const response = await http.post<string>(importUrl(r), form, {
        headers: { Accept: 'application/x-ndjson' },
        timeout: IMPORT_TIMEOUT_MS,
        responseType: 'text',
        transformResponse: [(text: unknown) => text],
        validateStatus: () => true,
        signal: r.signal,
        onUploadProgress: e => r.onPhase?.({ phase: 'uploading', fraction: e.progress ?? null }),
        onDownloadProgress: (e) => {
          // The XHR's text so far: the lines that arrived name the phase the service is in.
          const xhr = (e.event as ProgressEvent | undefined)?.target
          const phase = xhr instanceof XMLHttpRequest ? phases.push(xhr.responseText) : null
          if (phase)
            r.onPhase?.(phase)
        },
      })
      return importOutcome(response.status, typeof response.data === 'string' ? response.data : '', response.headers)
    }
    catch (error) {
      throw refused(error)
    }
  }

  return {
    session: {
      open: (name: string, password: string) => call(answers.sessionAnswer, { method: 'post', url: 'api/session', data: { name, password } }, true),
      read: () => call(answers.sessionAnswer, { method: 'get', url: 'api/session' }, true),
      close: () => call(answers.okAnswer, { method: 'delete', url: 'api/session' }),
    },
    imports: {
      send: sendImport,
      history: () => call(answers.historyAnswer, { method: 'get', url: 'api/imports' }),
      withdrawPreview: (importId: number) => call(answers.withdrawPreview, { method: 'post', url: `api/imports/${importId}/withdraw?dryRun=1` }),
      withdraw: (importId: number) => call(answers.withdrawAnswer, { method: 'post', url: `api/imports/${importId}/withdraw` }),
    },
    users: {
      list: () => call(answers.usersAnswer, { method: 'get', url: 'api/users' }),
      add: (name: string, role: Role, password: string) => call(answers.userAnswer, { method: 'post', url: 'api/users', data: { name, role, password } }),
      change: (name: string, change: { role?: Role, password?: string }) => call(answers.userAnswer, { method: 'patch', url: `api/users/${seg(name)}`, data: change }),
      remove: (name: string) => call(answers.okAnswer, { method: 'delete', url: `api/users/${seg(name)}` }),
    },
    tokens: {
      list: () => call(answers.tokensAnswer, { method: 'get', url: 'api/tokens' }),
      issue: (name: string, role: TokenRole) => call(answers.issuedToken, { method: 'post', url: 'api/tokens', data: { name, role } }),
      revoke: (name: string) => call(answers.okAnswer, { method: 'delete', url: `api/tokens/${seg(name)}` }),
    },
    audit: {
      list: (filter: AuditFilter, limit: number) => call(answers.auditAnswer, { method: 'get', url: `api/audit?${auditQuery(filter, { limit: String(limit) })}` }),
    },
    walls: {
      list: () => call(answers.wallsAnswer, { method: 'get', url: 'api/walls' }),
      detail: (screenId: string) => call(wallDetail, { method: 'get', url: `api/walls/${seg(screenId)}` }),
      register: (wall: WallRegistration) => call(answers.wallKey, { method: 'post', url: 'api/walls', data: wall }),
      change: (screenId: string, change: { name?: string, place?: string }) => call(wallEntry, { method: 'patch', url: `api/walls/${seg(screenId)}`, data: change }),
      newKey: (screenId: string) => call(answers.wallKey, { method: 'post', url: `api/walls/${seg(screenId)}/key` }),
      remove: (screenId: string) => call(answers.okAnswer, { method: 'delete', url: `api/walls/${seg(screenId)}` }),
      command: (screenId: string, order: WallOrder) => call(answers.commandId, { method: 'post', url: `api/walls/${seg(screenId)}/commands`, data: order }),
      reloadAll: () => call(answers.commandIds, { method: 'post', url: 'api/walls/commands', data: { type: 'reload' } }),
      settings: () => call(fleetSettings, { method: 'get', url: 'api/wall-settings' }),
      saveSettings: (change: FleetSettingsChange) => call(fleetSettings, { method: 'put', url: 'api/wall-settings', data: change }),
      testWebhook: () => call(answers.okAnswer, { method: 'post', url: 'api/wall-settings/test' }),
    },
  }
}

export type ServiceClient = ReturnType<typeof createServiceClient>
