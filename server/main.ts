// Entry point of `npm start`: the service with the configuration the environment gives.
import { configFromEnv } from '../common/config.js'
import { start } from './start.js'

await start(configFromEnv())
