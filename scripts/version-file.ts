import type { Plugin } from 'vite'
import { createHash } from 'node:crypto'

/** The meta tag and file a running wall compares (src/upkeep/build-version.ts). */
const META = 'cockpit-build'
const FILE = 'version.json'

/**
 * Writes version.json beside index.html and the same build id into index.html, so a wall that
 * has run for weeks can tell that another build was deployed and reload itself. The id hashes
 * everything the build wrote: the same sources build the same id, and a rebuild that changed
 * nothing reloads no wall.
 */
export function versionFilePlugin(): Plugin {
  return {
    name: 'hz-fic-version-file',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const hash = createHash('sha256')
      for (const name of Object.keys(bundle).sort()) {
        const item = bundle[name]!
        hash.update(`${name}\0`).update(item.type === 'chunk' ? item.code : item.source).update('\0')
      }
      const version = hash.digest('hex').slice(0, 16)
      const html = bundle['index.html']
      if (html?.type !== 'asset' || typeof html.source !== 'string' || !html.source.includes('</head>'))
        this.error('index.html is not in the bundle: the build id has nowhere to go')
      html.source = html.source.replace('</head>', `  <meta name="${META}" content="${version}" />\n  </head>`)
      this.emitFile({ type: 'asset', fileName: FILE, source: `${JSON.stringify({ version })}\n` })
    },
  }
}
