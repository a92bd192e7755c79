import t from 'tap'
import { defaults } from '../../common/config.js'
import { EmbeddedBackend } from '../../server/backends/embedded.js'
import { shippedCorpusIndex } from '../helpers/app.js'
import { yearsIndex } from '../helpers/years.js'
import { contractSuite, yearsContractSuite } from './suite.js'

const quiet = { info() {}, warn() {}, error() {} }

contractSuite(t, async (t) => EmbeddedBackend.over(await shippedCorpusIndex(t), defaults, quiet))

yearsContractSuite(t, async (t) => EmbeddedBackend.over(await yearsIndex(t), defaults, quiet))
