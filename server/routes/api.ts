// The API's routes, each asking the app's search backend.

import type { FastifyInstance } from 'fastify'
import adminRoutes from './admin.js'
import bureausRoutes from './bureaus.js'
import exportRoutes from './export.js'
import healthRoutes from './health.js'
import practicesRoutes from './practices.js'
import reportsRoutes from './reports.js'
import searchRoutes from './search.js'
import suggestRoutes from './suggest.js'

export default async function apiRoutes(app: FastifyInstance) {
  for (const routes of [
    healthRoutes,
    reportsRoutes,
    searchRoutes,
    bureausRoutes,
    suggestRoutes,
    adminRoutes,
    practicesRoutes,
    exportRoutes,
  ])
    await app.register(routes)
}
