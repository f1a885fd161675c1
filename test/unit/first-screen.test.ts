import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { wallScreens } from '~/wall/screens/index.ts'

describe('the first screen preloaded with the entry', () => {
  it('is the default rotation\'s first, as vite.config.ts names its component', () => {
    const config = readFileSync(new URL('../../vite.config.ts', import.meta.url), 'utf8')
    const named = /firstScreenPreloadPlugin\('\/src\/wall\/screens\/(\w+)Screen\.vue'\)/.exec(config)?.[1]
    expect(named?.toLowerCase()).toBe(wallScreens[0].kind)
  })
})
