import type { HtmlTagDescriptor, Plugin, Rollup } from 'vite'

type OutputBundle = Rollup.OutputBundle
type OutputChunk = Rollup.OutputChunk

/**
 * Every wall screen is a chunk of its own (src/wall/screens/index.ts), fetched when it is first
 * shown. The first screen of the default rotation is shown at once, though: left to the app, its
 * chunks would be asked for only after the entry had run, one round trip later. This plugin
 * puts them in index.html as modulepreload (and its CSS as a preload), so the browser fetches
 * and compiles them beside the entry; the other screens stay out of the first load.
 */
export function firstScreenPreloadPlugin(screenModule: string): Plugin {
  return {
    name: 'hz-fic-first-screen-preload',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const bundle = ctx.bundle
        if (!bundle)
          return
        const chunks = Object.values(bundle).filter((c): c is OutputChunk => c.type === 'chunk')
        const screen = chunks.find(c => c.facadeModuleId?.endsWith(screenModule))
        if (!screen)
          throw new Error(`${screenModule} is not a chunk of the build: the first screen cannot be preloaded`)
        const entry = chunks.find(c => c.isEntry)
        const already = new Set(entry ? closure(bundle, entry.fileName) : [])
        const files = closure(bundle, screen.fileName).filter(f => !already.has(f))
        const css = files.flatMap(f => [...(bundle[f] as OutputChunk).viteMetadata?.importedCss ?? []])
        return [
          ...files.map((f): HtmlTagDescriptor => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `./${f}` }, injectTo: 'head' })),
          ...css.map((f): HtmlTagDescriptor => ({ tag: 'link', attrs: { rel: 'preload', as: 'style', crossorigin: true, href: `./${f}` }, injectTo: 'head' })),
        ]
      },
    },
  }
}

/** A chunk and every chunk it imports statically. */
function closure(bundle: OutputBundle, file: string, seen = new Set<string>()): string[] {
  if (!seen.has(file)) {
    seen.add(file)
    for (const next of (bundle[file] as OutputChunk | undefined)?.imports ?? [])
      closure(bundle, next, seen)
  }
  return [...seen]
}
