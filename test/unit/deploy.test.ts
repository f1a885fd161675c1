import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const policy = readFileSync(new URL('../../deploy/content-security-policy.txt', import.meta.url), 'utf8').trim()
const nginx = readFileSync(new URL('../../deploy/nginx.conf', import.meta.url), 'utf8')

describe('the deployment sample', () => {
  it('sends exactly the Content-Security-Policy the browser test runs the app under', () => {
    expect(nginx).toContain(`add_header Content-Security-Policy "${policy}" always;`)
  })

  it('allows no inline script, no eval and no other origin', () => {
    expect(policy).toMatch(/script-src 'self';/)
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|\*/)
  })

  it('revalidates index.html, config.json and version.json and caches hashed assets for good', () => {
    expect(nginx).toMatch(/location = \/index\.html\s*\{ add_header Cache-Control "no-cache"/)
    expect(nginx).toMatch(/location = \/config\.json\s*\{ add_header Cache-Control "no-cache"/)
    expect(nginx).toMatch(/location = \/version\.json \{ add_header Cache-Control "no-cache"/)
    expect(nginx).toMatch(/location \/assets\/ \{\s*add_header Cache-Control "public, max-age=31536000, immutable"/)
  })
})
