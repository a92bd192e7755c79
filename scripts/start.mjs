// `npm start`: compiles the server only when a source is newer than the last build (npm install
// builds it once), then runs it in this process: no type check of unchanged sources at every start.
import { spawnSync } from 'node:child_process'
import { statSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { buildStamp, newestSource } from './sources.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
let built = 0
try {
  built = statSync(new URL(`../${buildStamp}`, import.meta.url)).mtimeMs
} catch {
  // never built
}
if (newestSource(root) > built) {
  console.error('the sources changed since the last build: compiling (npm run build) …')
  const { status } = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' })
  if (status !== 0) process.exit(status ?? 1)
}
await import('../dist/server/main.js')
