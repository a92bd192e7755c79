// The API's routes, each asking the app's search backend.

import type { FastifyInstance } from 'fastify'
import adminRoutes from './admin.js'
import bureausRoutes from './bureaus.js'
import exportRoutes from './export.js'
import feedRoutes from './feed.js'
import healthRoutes from './health.js'
import practicesRoutes from './practices.js'
import reportsRoutes from './reports.js'
import searchRoutes from './search.js'
import suggestRoutes from './suggest.js'
import yearsRoutes from './years.js'

export default async function apiRoutes(app: FastifyInstance) {
  for (const routes of [
    healthRoutes,
    reportsRoutes,
    searchRoutes,
    bureausRoutes,
    suggestRoutes,
    adminRoutes,
    practicesRoutes,
    feedRoutes,
    yearsRoutes,
    exportRoutes,
  ])
    await app.register(routes)
}
