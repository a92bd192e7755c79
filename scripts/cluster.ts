// Entry point of `npm run cluster`: the cluster commands, with the indexer's pipeline to fill it.
import { main } from '../cluster/cli.js'
import { describeSync, indexIntoCluster } from '../indexer/cluster-sink.js'

process.exitCode = await main(process.argv.slice(2), async (layout, options) =>
  describeSync(await indexIntoCluster(layout, options)),
)
