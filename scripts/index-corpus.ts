// Entry point of `npm run index`.
import { main } from '../indexer/cli.js'

process.exitCode = await main(process.argv.slice(2))
