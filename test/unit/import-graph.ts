/**
 * The modules a file loads before it runs, as the bundler sees them: static imports and
 * re-exports, followed through `~/` and relative paths, in .ts files and the script blocks of
 * .vue files. `import type` is erased and `import()` loads later, so neither is followed.
 * Packages are not followed: the question asked of this graph is which of our modules ship.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, relative, resolve } from 'node:path'
import ts from 'typescript'

export const ROOT = resolve(import.meta.dirname, '../..')

function scriptOf(file: string): string {
  const text = readFileSync(file, 'utf8')
  if (!file.endsWith('.vue'))
    return text
  return [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map(m => m[1]).join('\n')
}

/** The static imports of one file, as written. */
export function staticImports(file: string): string[] {
  const source = ts.createSourceFile(file, scriptOf(file), ts.ScriptTarget.Latest, false, ts.ScriptKind.TS)
  const found: string[] = []
  for (const node of source.statements) {
    if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly && ts.isStringLiteral(node.moduleSpecifier))
      found.push(node.moduleSpecifier.text)
    else if (ts.isExportDeclaration(node) && !node.isTypeOnly && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier))
      found.push(node.moduleSpecifier.text)
  }
  return found
}

function resolveImport(from: string, spec: string): string | null {
  const base = spec.startsWith('~/') ? resolve(ROOT, 'src', spec.slice(2)) : spec.startsWith('.') ? resolve(dirname(from), spec) : null
  if (base === null)
    return null
  return [base, `${base}.ts`, `${base}/index.ts`].find(existsSync) ?? base
}

/** Every module of ours the entry loads before it runs (itself included), relative to the root. */
export function loadedBefore(entry: string): Set<string> {
  const seen = new Set<string>()
  const todo = [resolve(ROOT, entry)]
  for (let file = todo.pop(); file !== undefined; file = todo.pop()) {
    const name = relative(ROOT, file)
    if (seen.has(name))
      continue
    seen.add(name)
    if (!/\.(?:ts|vue)$/.test(file) || !existsSync(file))
      continue
    for (const spec of staticImports(file)) {
      const next = resolveImport(file, spec)
      if (next !== null)
        todo.push(next)
    }
  }
  return seen
}
