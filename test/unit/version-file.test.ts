import type { Rollup } from 'vite'
import { describe, expect, it } from 'vitest'
import { versionFilePlugin } from '../../scripts/version-file.ts'

/** A bundle of one chunk and index.html, as Vite hands it to the last plugins. */
function bundle(code: string): Rollup.OutputBundle {
  return {
    'assets/index-abc.js': { type: 'chunk', fileName: 'assets/index-abc.js', code },
    'index.html': { type: 'asset', fileName: 'index.html', source: '<html><head><title>t</title></head><body></body></html>' },
  } as unknown as Rollup.OutputBundle
}

/** Runs the plugin over a bundle: the build id written into index.html and into version.json. */
function build(code: string): { meta: string, file: string } {
  const b = bundle(code)
  const emitted: { fileName: string, source: string }[] = []
  const hook = versionFilePlugin().generateBundle as (this: unknown, o: unknown, b: Rollup.OutputBundle) => void
  const context = {
    emitFile: (f: { fileName: string, source: string }) => emitted.push(f),
    error: (message: string) => {
      throw new Error(message)
    },
  }
  hook.call(context, {}, b)
  const html = (b['index.html'] as { source: string }).source
  return { meta: /<meta name="cockpit-build" content="([^"]+)"/.exec(html)?.[1] ?? '', file: emitted.find(f => f.fileName === 'version.json')?.source ?? '' }
}

describe('the build\'s version file', () => {
  it('writes the same build id into index.html and version.json', () => {
    const { meta, file } = build('console.log(1)')
    expect(meta).toMatch(/^[\da-f]{16}$/)
    expect(JSON.parse(file)).toEqual({ version: meta })
  })

  it('names the same sources with the same id, and any change with another', () => {
    expect(build('console.log(1)').meta).toBe(build('console.log(1)').meta)
    expect(build('console.log(2)').meta).not.toBe(build('console.log(1)').meta)
  })
})
