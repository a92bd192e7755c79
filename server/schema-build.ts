// What `npm run build` runs to compile the routes' validators and serializers (schema-code.ts).

import { buildApp } from './app.js'
import type { SearchBackend } from './backend.js'
import { recordSchemas, schemaCodeFile } from './schema-code.js'

/** Sets up every route once, never calling it, and writes the code compiled for their schemas to `file`; returns how many. */
export async function writeSchemaCode(file: URL = schemaCodeFile): Promise<number> {
  const recorder = recordSchemas()
  // No engine answers behind the routes: they are set up, not asked.
  const backend = { kind: 'embedded', close: async () => {} } as unknown as SearchBackend
  const app = await buildApp({ backend, schemaController: recorder })
  try {
    await app.ready()
    return recorder.write(file)
  } finally {
    await app.close()
  }
}
