import { describe, expect, it } from 'vitest'
import { loadedBefore } from './import-graph.ts'

describe('the wall and the data service', () => {
  it('the wall\'s first load holds no service client and no account or import page', () => {
    const initial = [...loadedBefore('src/main.ts')]
    expect(initial.filter(m => /^src\/(?:service|staff)\//.test(m))).toEqual([])
  })

  it('the graph is followed for real: the import page reaches the client and the session', () => {
    const page = loadedBefore('src/staff/imports/ImportsView.vue')
    expect(page).toContain('src/service/api.ts')
    expect(page).toContain('src/service/session.ts')
  })
})
