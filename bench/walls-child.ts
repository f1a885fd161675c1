/**
 * The data service for `bench/walls.ts`, alone in its process so that the CPU it spends taking
 * beats is its own: `node --import tsx bench/walls-child.ts <dir> <dist> <password>`. It serves the built
 * cockpit on PGlite in `<dir>/data` with a roster of 446 chambers (so the feed is a real one),
 * believes X-Forwarded-For (the flood comes from many addresses), lifts the limit per address
 * (the bench's 1,000 walls all beat from 127.0.0.1), and runs its alert sweep as in production.
 * It adds a viewer `bench` with the password given, prints one line of JSON, `{ url, token }`
 * (an admin's token), and serves until killed. Run, never imported: importing it would start it.
 */
import { join, resolve } from 'node:path'
import process from 'node:process'
import { addToken } from '../server/auth/tokens.ts'
import { addUser } from '../server/auth/users.ts'
import { runImport } from '../server/commit/pipeline.ts'
import { buildApp } from '../server/http/app.ts'
import { migrate, openStore } from '../server/store/db.ts'
import { csv, roster } from '../test/server/files.ts'

async function main(): Promise<void> {
  const [dir, dist, password] = process.argv.slice(2)
  if (!dir || !dist || !password)
    throw new Error('usage: walls-child.ts <dir> <dist> <viewer password>')
  const store = await openStore({ dataDir: join(dir, 'data') })
  await migrate(store.db)
  const stored = await runImport(store.db, { kind: 'chambers', period: '2026-11', file: csv(roster(446)), who: 'bench', dryRun: false })
  if (stored.status !== 200)
    throw new Error(`the roster was refused: ${stored.status}`)
  await addUser(store.db, 'bench', 'viewer', password)
  const token = await addToken(store.db, 'bench', 'admin')
  const { app, publisher } = await buildApp({ store, dist: resolve(dist), trustProxy: true, walls: { beatsPerAddressPerMinute: 1_000_000 } })
  const url = await app.listen({ port: 0, host: '127.0.0.1' })
  await publisher.refresh()
  process.stdout.write(`${JSON.stringify({ url, token })}\n`)
  const stop = async () => {
    await app.close()
    await store.close()
    process.exit(0)
  }
  process.on('SIGTERM', () => void stop())
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`)
  process.exit(1)
})
