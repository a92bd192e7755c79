// npm run cluster (start, status, index, stop), the manager's failures, and the backend's edges:
// a cluster with no index, reindex, an aggregator that is gone.

import { spawn } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { join } from 'node:path'
import t, { type Test } from 'tap'
import { main } from '../../cluster/cli.js'
import { ClusterReader } from '../../cluster/client.js'
import {
  clusterStatus,
  configPath,
  findSearchd,
  isOurSearchd,
  restartNode,
  startCluster,
  stopCluster,
  stopNode,
} from '../../cluster/manager.js'
import { readState, stateFile } from '../../cluster/topology.js'
import { describeSync, indexIntoCluster } from '../../indexer/cluster-sink.js'
import { ClusterBackend } from '../../server/backends/cluster.js'
import { haveSearchd } from '../helpers/cluster.js'
import { corpusDir, tempDir } from '../helpers/corpus.js'

/** Runs `npm run cluster` in-process and captures what it prints. */
async function run(t: Test, ...args: string[]) {
  let stdout = ''
  let stderr = ''
  const out = t.capture(console, 'log', (...a: unknown[]) => {
    stdout += `${a.join(' ')}\n`
  })
  const err = t.capture(console, 'error', (...a: unknown[]) => {
    stderr += `${a.join(' ')}\n`
  })
  const status = await main(args, async (layout, options) =>
    describeSync(await indexIntoCluster(layout, options)),
  )
  out.restore()
  err.restore()
  return { status, stdout, stderr }
}

t.test('findSearchd: $SEARCHD, else PATH; null when there is none', async (t) => {
  t.equal(findSearchd({ SEARCHD: '/nonexistent/searchd' }), null)
  t.equal(findSearchd({ PATH: '' }), null)
  t.equal(findSearchd({ PATH: '/nonexistent:/usr/bin:/usr/sbin' }), findSearchd())
})

t.test('usage and wrong arguments', async (t) => {
  t.match(await run(t, '--help'), { status: 0, stdout: /Usage: npm run cluster/ })
  t.match(await run(t, 'restart'), { status: 2, stderr: /Usage/ })
  t.match(await run(t, 'stop', 'now'), { status: 2 })
  t.match(await run(t, '--bogus'), { status: 2, stderr: /Unknown option '--bogus'/ })
  const empty = await tempDir(t)
  t.match(await run(t, 'status', '--data', empty), { status: 1, stdout: /no cluster in/ })
  t.match(await run(t, 'index', '--data', empty), { status: 1, stderr: /no cluster in .*: start one/ })
  t.match(await run(t, 'stop', '--data', empty), { status: 0, stdout: /no cluster node was running/ })
  t.match(await run(t, 'start', '--data', empty, '--shards', '0'), {
    status: 1,
    stderr: /shards must be 1 or more/,
  })
})

if (haveSearchd(t)) {
  t.test(
    'npm run cluster: start and index, status, index again, stop by pid, start again on the same data',
    async (t) => {
      const dataDir = await tempDir(t, 'report-search-cli-')
      t.teardown(() => stopCluster(dataDir))
      const started = await run(
        t,
        '--shards',
        '1',
        '--mirrors',
        '2',
        '--data',
        dataDir,
        '--corpus',
        corpusDir,
      )
      t.equal(started.status, 0, started.stderr)
      t.match(started.stdout, /cluster of 1 shards × 2 mirrors: aggregator at 127\.0\.0\.1:\d+/)
      t.match(started.stdout, /5 reports \(\d+ sections\) in the cluster; 10 report copies written/)
      const state = await readState(dataDir)
      t.equal(Object.keys(state?.pids ?? {}).length, 3, 'three pids recorded')
      const status = await run(t, 'status', '--data', dataDir)
      t.equal(status.status, 0)
      t.match(status.stdout, /shard0-mirror1\s+shard 0 mirror 1\s+127\.0\.0\.1:\d+\s+pid \d+\s+answers/)
      t.match(status.stdout, /aggregator\s+aggregator/)
      t.match(await run(t, 'index', '--data', dataDir, '--corpus', corpusDir), {
        status: 0,
        stdout: /0 report copies written/,
      })
      t.match(await run(t, 'index', '--force', '--data', dataDir, '--corpus', corpusDir), {
        stdout: /10 report copies written/,
      })
      t.match(await run(t, 'start', '--no-index', '--shards', '1', '--mirrors', '2', '--data', dataDir), {
        status: 0,
      })
      t.same((await readState(dataDir))?.pids, state?.pids, 'a running cluster is left as it is')
      t.match(await run(t, 'start', '--shards', '2', '--data', dataDir), {
        status: 1,
        stderr: /a cluster of 1 shards × 2 mirrors is running; stop it first/,
      })
      const stopped = await run(t, 'stop', '--data', dataDir)
      t.match(stopped.stdout, /stopped aggregator, shard0-mirror1, shard0-mirror0/)
      for (const [name, pid] of Object.entries(state?.pids ?? {}))
        t.notOk(await isOurSearchd(pid, configPath(state as never, name)), `${name} is gone`)
      t.match(await run(t, 'status', '--data', dataDir), { status: 1, stdout: /stopped/ })
      // Started again: the same ports, the same data.
      const again = await startCluster({ dataDir, shards: 1, mirrors: 2 })
      t.same(again.aggregator, state?.aggregator)
      const backend = new ClusterBackend(again)
      t.teardown(() => backend.close())
      t.equal((await backend.reports()).length, 5, 'the RT indexes kept their rows')
      // A cluster of another shape, once stopped, is planned anew.
      await stopCluster(dataDir)
      const other = await startCluster({ dataDir, shards: 2, mirrors: 1 })
      t.equal(other.shards.length, 2)
    },
  )

  t.test('a node that cannot start: the error says why, and the nodes started are stopped', async (t) => {
    const dataDir = await tempDir(t, 'report-search-fail-')
    t.teardown(() => stopCluster(dataDir))
    const state = await startCluster({ dataDir, shards: 1, mirrors: 1 })
    await stopCluster(dataDir)
    // Something else now listens on the aggregator's port: named at once (searchd would retry for minutes).
    const squatter = createServer()
    await new Promise<void>((resolve) => squatter.listen(state.aggregator.sqlPort, '127.0.0.1', resolve))
    await t.rejects(
      startCluster({ dataDir, shards: 1, mirrors: 1 }),
      new RegExp(`aggregator cannot start: 127\\.0\\.0\\.1:${state.aggregator.sqlPort} is in use`),
    )
    t.ok(
      (await clusterStatus(dataDir))?.every((n) => !n.running),
      'nothing left running',
    )
    await new Promise((resolve) => squatter.close(resolve))
    // A searchd that fails at once: its own words end the error.
    const fake = join(await tempDir(t), 'searchd')
    await writeFile(fake, '#!/bin/sh\necho "FATAL: this searchd cannot run"\nexit 1\n', { mode: 0o755 })
    await t.rejects(
      startCluster({ dataDir, shards: 1, mirrors: 1, searchd: fake }),
      /shard0-mirror0 \(searchd on 127\.0\.0\.1:\d+\) exited \(1\):[\s\S]*FATAL: this searchd cannot run/,
    )
    await writeFile(
      fake,
      '#!/bin/sh\necho "FATAL: binlog: log open error: failed to open binlog.001"\nexit 1\n',
    )
    await t.rejects(
      startCluster({ dataDir, shards: 1, mirrors: 1, searchd: fake }),
      /Its binlog is unreadable: move .*binlog\.\* aside, start it, then run npm run cluster -- index/,
    )
    await t.rejects(startCluster({ dataDir, searchd: '/nonexistent/searchd' }), /ENOENT/)
    t.ok(
      (await clusterStatus(dataDir))?.every((n) => !n.running),
      'still nothing running',
    )
  })

  t.test(
    'stop and restart one node; a stop that times out kills; unknown nodes; a damaged state file',
    async (t) => {
      const dataDir = await tempDir(t, 'report-search-node-')
      t.teardown(() => stopCluster(dataDir))
      const state = await startCluster({ dataDir, shards: 1, mirrors: 1 })
      t.ok(await stopNode(state, 'shard0-mirror0'), 'stopped')
      t.notOk(await stopNode(state, 'shard0-mirror0'), 'not running any more')
      // A "searchd" that ignores SIGTERM: the stop kills it when its time is up. (A real searchd is not
      // killed in the middle of its shutdown here: that can leave its binlog unreadable.)
      const stubborn = join(await tempDir(t), 'searchd')
      await writeFile(stubborn, "#!/bin/sh\ntrap '' TERM\nwhile :; do sleep 0.05; done\n", { mode: 0o755 })
      const config = configPath(state, 'shard0-mirror0')
      const child = spawn(stubborn, ['--config', config], { stdio: 'ignore' })
      await new Promise((resolve) => setTimeout(resolve, 200))
      const started = Date.now()
      t.ok(
        await stopNode(
          { ...state, pids: { 'shard0-mirror0': child.pid as number } },
          'shard0-mirror0',
          'SIGTERM',
          300,
        ),
        'stopped',
      )
      t.ok(Date.now() - started >= 300, 'after its time was up')
      t.equal(
        child.signalCode ??
          (await new Promise((resolve) => child.once('exit', (_, signal) => resolve(signal)))),
        'SIGKILL',
      )
      await restartNode(dataDir, 'shard0-mirror0')
      await restartNode(dataDir, 'shard0-mirror0')
      t.ok(
        (await clusterStatus(dataDir))?.every((n) => n.answers),
        'running again, once',
      )
      await t.rejects(restartNode(dataDir, 'shard9-mirror9'), /no node shard9-mirror9/)
      await t.rejects(restartNode(dataDir, 'aggregator', null), /searchd is not installed/)
      t.notOk(
        await isOurSearchd(process.pid, configPath(state, 'aggregator')),
        'this process is not a searchd',
      )
      t.notOk(await isOurSearchd(undefined, ''))
      await t.rejects(startCluster({ dataDir: await tempDir(t), searchd: '' }), /searchd is not installed/)
      const broken = await tempDir(t)
      await mkdir(join(broken, 'cluster'))
      await writeFile(stateFile(broken), '{')
      await t.rejects(readState(broken), /state\.json cannot be read/)
    },
  )

  t.test('the backend on a cluster with no index, its reindex, and a cluster that is gone', async (t) => {
    const dataDir = await tempDir(t, 'report-search-backend-')
    t.teardown(() => stopCluster(dataDir))
    await t.rejects(ClusterBackend.open(dataDir), { code: 'INDEX_NOT_READY', message: /npm run cluster/ })
    await startCluster({ dataDir, shards: 1, mirrors: 1 })
    const backend = await ClusterBackend.open(dataDir, { config: { corpusDir } })
    t.teardown(() => backend.close())
    await t.rejects(backend.search({ q: '执法' }), { code: 'INDEX_NOT_READY', message: /holds no index/ })
    await backend.reindex()
    t.equal((await backend.search({ q: '"综合查一次"' })).total, 3)
    await backend.watch()
    t.match(await backend.health(), { reports: 5, indexing: false, watching: true, lastError: null })
    let calls = 0
    const failing = new ClusterBackend(backend.layout, {
      rebuild: async () => {
        calls++
        throw new Error('the corpus folder is gone')
      },
    })
    t.teardown(() => failing.close())
    await Promise.all([
      t.rejects(failing.reindex(), /the corpus folder is gone/),
      t.rejects(failing.reindex(true), /the corpus folder is gone/),
    ])
    t.equal(calls, 2, 'one rebuild after the other')
    t.match(await failing.health(), { lastError: 'the corpus folder is gone', indexing: false })
    const reader = new ClusterReader(backend.layout)
    t.teardown(() => reader.close())
    await t.rejects(
      reader.one('SELECT * FROM nosuch'),
      /unknown local index/,
      'a bad statement is not retried as a fault',
    )
    await stopCluster(dataDir)
    await t.rejects(backend.search({ q: '执法' }), {
      code: 'CLUSTER_UNAVAILABLE',
      message: /the aggregator at .* does not answer/,
    })
  })
}
