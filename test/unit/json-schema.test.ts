import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { feedJsonSchema, SCHEMA_FILE } from '../../scripts/json-schema.ts'

describe('the JSON Schema shipped for backend teams', () => {
  it('is the one generated from the schema the app checks (run npm run schema after a change)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(feedJsonSchema())
  })

  it('states the contract\'s rules: whole non-negative counts, closed vocabularies, required sections', () => {
    const schema = JSON.parse(feedJsonSchema())
    expect(schema.properties.summary.properties.memberCount).toEqual({ type: 'integer', minimum: 0, maximum: 100_000_000 })
    expect(schema.properties.study.properties.individuals.items.properties.pointsToday).toEqual({ type: 'number', minimum: 0, maximum: 1_000_000_000 })
    expect(schema.properties.chambers.items.properties.partyOrg.anyOf[0].properties.type.enum)
      .toEqual(['committee', 'general-branch', 'branch', 'joint-branch'])
    expect(schema.required).toEqual(expect.arrayContaining(['schemaVersion', 'summary', 'categories', 'districtGroups', 'chambers', 'study']))
    expect(schema.required).not.toContain('history')
  })
})
