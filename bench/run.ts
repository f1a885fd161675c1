/**
 * `npm run bench`: builds the cockpit and prints its figures. This first version measures the
 * wall's initial JS; timings join it as the benchmark grows (see docs/performance.md).
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import process from 'node:process'
import { initialJs } from './initial-js.ts'

const TARGET_GZIP_KB = 280
const kb = (n: number) => (n / 1024).toFixed(1)

if (!process.argv.includes('--no-build'))
  execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { stdio: 'inherit' })

const js = initialJs('dist')
const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`
const rows = [
  ...js.files.map(f => [`  ${f.file}`, `${kb(f.bytes)} KiB`, `${kb(f.gzip)} KiB`]),
  ['wall initial JS (total)', `${kb(js.bytes)} KiB`, `${kb(js.gzip)} KiB`],
]
process.stdout.write(`machine: ${machine}\n\n`)
process.stdout.write(`${'figure'.padEnd(44)}${'raw'.padStart(12)}${'gzip'.padStart(12)}\n`)
for (const [name, raw, gz] of rows)
  process.stdout.write(`${name!.padEnd(44)}${raw!.padStart(12)}${gz!.padStart(12)}\n`)
const verdict = js.gzip / 1024 <= TARGET_GZIP_KB ? 'meets' : 'MISSES'
process.stdout.write(`\ninitial JS ${kb(js.gzip)} KiB gzipped ${verdict} the ${TARGET_GZIP_KB} KiB target\n`)

mkdirSync('bench/results', { recursive: true })
writeFileSync('bench/results/latest.json', `${JSON.stringify({ date: new Date().toISOString(), machine, initialJs: js, targetGzipKB: TARGET_GZIP_KB }, null, 2)}\n`)
