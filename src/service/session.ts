import type { SessionAnswer, SessionUser } from './answers.ts'
import type { ServiceProblem } from './problem.ts'
/**
 * Who is signed in to the data service, for every staff page: name, role and the CSRF token
 * the client sends on writes. The session itself is an HttpOnly cookie the page never sees.
 *
 * A 401 from any call ends it here (`state: 'ended'`); the page shows the sign-in form and keeps
 * whatever the user had chosen, which lives in the page's own state, not here.
 */
import type { Role } from '~/accounts.ts'
import { defineStore } from 'pinia'
import { computed, markRaw, ref, shallowRef } from 'vue'
import { mayAct } from '~/accounts.ts'
import { createServiceClient } from './api.ts'
import { problemOf } from './problem.ts'

/**
 * `unknown` until asked; `checking` while asking; `signedOut` when there was no session;
 * `ended` when one was lost under the user's hands (expired, signed out elsewhere).
 */
export type SessionState = 'unknown' | 'checking' | 'signedIn' | 'signedOut' | 'ended'

/**
 * A mark that this browser was signed in, so that a staff page outside the import and admin
 * pages asks the service only then: without it, every staff page would ask, and be refused,
 * on a cockpit served without the service (the mock, a static host).
 */
export const SIGNED_IN_MARK = 'cockpit.signedIn'

function mark(on: boolean) {
  try {
    if (on)
      localStorage.setItem(SIGNED_IN_MARK, '1')
    else
      localStorage.removeItem(SIGNED_IN_MARK)
  }
  catch {} // No storage (private mode, node): only the mark is lost.
}

export function wasSignedIn(): boolean {
  try {
    return localStorage.getItem(SIGNED_IN_MARK) === '1'
  }
  catch {
    return false
  }
}

export const useSessionStore = defineStore('session', () => {
  const user = shallowRef<SessionUser | null>(null)
  const csrfToken = ref<string | null>(null)
  const state = ref<SessionState>('unknown')
  /** Why the last check failed when it was not a plain "not signed in" (the service is down). */
  const problem = shallowRef<ServiceProblem | null>(null)

  const role = computed(() => user.value?.role ?? null)
  const may = (need: Role) => role.value !== null && mayAct(role.value, need)

  function end() {
    const had = user.value !== null
    user.value = null
    csrfToken.value = null
    state.value = had || state.value === 'ended' ? 'ended' : 'signedOut'
    mark(false)
  }

  // Raw: the client is a bag of functions, not state to make reactive.
  const client = markRaw(createServiceClient({ csrfToken: () => csrfToken.value, ended: end }))

  function take(answer: SessionAnswer) {
    user.value = answer.user
    csrfToken.value = answer.csrfToken
    state.value = 'signedIn'
    problem.value = null
    mark(true)
  }

  /** Signs in; a refusal (BAD_LOGIN, TOO_MANY_TRIES) is thrown as a ServiceProblem for the form to word. */
  async function signIn(name: string, password: string): Promise<void> {
    take(await client.session.open(name, password))
  }

  let asking: Promise<void> | null = null
  /** Asks the service who is signed in; many callers at once share one request. */
  function check(): Promise<void> {
    asking ??= (async () => {
      if (state.value === 'unknown')
        state.value = 'checking'
      try {
        take(await client.session.read())
      }
      catch (error) {
        const p = problemOf(error)
        if (p.unauthenticated) {
          end()
        }
        else {
          problem.value = p
          if (state.value === 'checking')
            state.value = 'signedOut'
        }
      }
      finally {
        asking = null
      }
    })()
    return asking
  }

  /** Signs out here whatever the service says: a session the service no longer knows is over too. */
  async function signOut(): Promise<void> {
    try {
      await client.session.close()
    }
    catch {}
    user.value = null
    csrfToken.value = null
    state.value = 'signedOut'
    mark(false)
  }

  return { user, csrfToken, state, problem, role, may, client, signIn, check, signOut, end }
})
