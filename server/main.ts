// Entry point of `npm start`: the service with the configuration the environment gives.
import { configFromEnv } from '../common/config.js'
import { StartError, start } from './start.js'

try {
  await start(configFromEnv())
} catch (error) {
  // What the operator can fix is said in one line; anything else keeps its stack for the bug report.
  console.error(error instanceof StartError ? `cannot start: ${error.message}` : error)
  process.exit(1)
}
