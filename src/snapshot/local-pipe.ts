/**
 * The keeper on this thread, where no worker can start (blocked by policy, tests in node): the
 * same keeper the worker runs, behind the same interface. A chunk of its own, so the wall's
 * initial JS carries neither axios nor the validator for a case most walls never meet.
 */
import type { Keeper } from './keeper.ts'
import type { SnapshotPipe } from './protocol.ts'
import axios from 'axios'
import { createKeeper } from './keeper.ts'

export function createLocalPipe(keeper: Keeper = createKeeper(axios.create())): SnapshotPipe {
  return {
    take: (req, signal, early) => keeper.take(req, signal, early),
    query: async q => keeper.query(q),
    dispose() {},
    where: 'main-thread',
    starts: 0,
  }
}
