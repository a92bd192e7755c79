// What the compiled server is made of, and when it was last built: `npm start` compiles only when a
// source is newer than the last build.
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** The folders and files `npm run build` turns into dist/. */
export const sourceRoots = [
  'common',
  'index',
  'indexer',
  'server',
  'cluster',
  'public',
  'tsconfig.json',
  'tsconfig.build.json',
  'package.json',
]

/** Written by `npm run build` when it has finished: its time is the build's. */
export const buildStamp = 'dist/.built'

/** The newest modification time under `roots` (in ms), walked synchronously: a few milliseconds. */
export function newestSource(root, roots = sourceRoots) {
  let newest = 0
  const walk = (path) => {
    let info
    try {
      info = statSync(path)
    } catch {
      return
    }
    if (info.isDirectory()) for (const name of readdirSync(path)) walk(join(path, name))
    else newest = Math.max(newest, info.mtimeMs)
  }
  for (const entry of roots) walk(join(root, entry))
  return newest
}
