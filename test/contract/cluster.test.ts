// The contract suite, unchanged, on a real 2 × 2 Sphinx cluster filled from the shipped corpus.
import t from 'tap'
import { syncCluster } from '../../indexer/cluster-sink.js'
import { ClusterBackend } from '../../server/backends/cluster.js'
import { haveSearchd, shippedBuild, testCluster } from '../helpers/cluster.js'
import { contractSuite } from './suite.js'

if (haveSearchd(t)) {
  const { state } = await testCluster(t)
  await syncCluster(await shippedBuild(), state)
  contractSuite(t, async () => new ClusterBackend(state))
}
