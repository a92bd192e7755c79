// Every installed package accepts the Node versions package.json says we run on: npm ci prints no EBADENGINE.

import { readFile } from 'node:fs/promises'
import semver from 'semver'
import t from 'tap'

const read = async (path: string) =>
  JSON.parse(await readFile(new URL(`../${path}`, import.meta.url), 'utf8'))

t.test('the lock file holds no package that refuses our lowest Node', async (t) => {
  const own = await read('package.json')
  const lock = await read('package-lock.json')
  const lowest = semver.minVersion(own.engines.node)?.version as string
  t.equal(lowest, '20.19.0', 'the README names the same lowest version')
  t.ok(
    semver.satisfies(process.version, own.engines.node),
    `this Node (${process.version}) is one we support`,
  )
  const refusing: string[] = []
  for (const [path, entry] of Object.entries(lock.packages as Record<string, { engines?: unknown }>)) {
    const wanted = (entry.engines as { node?: unknown } | undefined)?.node
    if (typeof wanted !== 'string') continue
    for (const version of [lowest, process.version])
      if (!semver.satisfies(version, wanted)) refusing.push(`${path} wants node ${wanted}, not ${version}`)
  }
  t.same(refusing, [], 'every package accepts them')
})
