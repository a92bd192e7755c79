// The contract suite, unchanged, on a real 2 × 2 Sphinx cluster filled from the shipped corpus, then
// the contract across years on the same cluster synced to the multi-year fixture corpus.
import t from 'tap'
import { syncCluster } from '../../indexer/cluster-sink.js'
import { ClusterBackend } from '../../server/backends/cluster.js'
import { haveSearchd, shippedBuild, testCluster, yearsBuild } from '../helpers/cluster.js'
import { contractSuite, yearsContractSuite } from './suite.js'

if (haveSearchd(t)) {
  const { state } = await testCluster(t)
  await syncCluster(await shippedBuild(), state)
  contractSuite(t, async () => new ClusterBackend(state))
  // The same cluster, then synced to the multi-year fixture corpus.
  t.test('across years', async (t) => {
    await syncCluster(await yearsBuild(), state)
    yearsContractSuite(t, async () => new ClusterBackend(state))
  })
}
