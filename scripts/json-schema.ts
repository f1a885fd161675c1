/**
 * Writes schema/cockpit-feed.v1.schema.json from the valibot schema, so backend teams build
 * against exactly what the cockpit checks. `--check` fails when the shipped file is out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import process from 'node:process'
import { toJsonSchema } from '@valibot/to-json-schema'
import { feedSchema } from '../src/feed/schema.ts'

export const SCHEMA_FILE = new URL('../schema/cockpit-feed.v1.schema.json', import.meta.url)

export function feedJsonSchema(): string {
  // `ignore`: rules JSON Schema cannot state (a real calendar date) are checked by the app only.
  const schema = toJsonSchema(feedSchema, { errorMode: 'ignore' })
  return `${JSON.stringify({
    $schema: 'http://json-schema.org/draft-07/schema#',
    ...schema,
    $id: 'cockpit-feed.v1.schema.json',
    title: '杭州市工商联 商会数字驾驶舱 feed, contract version 1',
    description: 'Generated from src/feed/schema.ts by `npm run schema`; do not edit by hand. Objects accept extra optional fields.',
  }, null, 2)}\n`
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const text = feedJsonSchema()
  if (process.argv.includes('--check')) {
    if (readFileSync(SCHEMA_FILE, 'utf8') !== text) {
      process.stderr.write('schema/cockpit-feed.v1.schema.json is out of date: run npm run schema\n')
      process.exit(1)
    }
  }
  else {
    writeFileSync(SCHEMA_FILE, text)
  }
}
