// After `tsc`: compiles the routes' validators and serializers once, into dist/server/schema-code.cjs,
// so that a start reads them instead of compiling them (server/schema-code.ts).
import { buildApp } from '../dist/server/app.js'
import { recordSchemas } from '../dist/server/schema-code.js'

const recorder = recordSchemas()
// The routes are set up, never called: no engine answers behind them.
const backend = { kind: 'embedded', close: async () => {} }
const app = await buildApp({ backend, schemaController: recorder })
await app.ready()
recorder.write()
await app.close()
