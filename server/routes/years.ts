// GET /api/bureaus/:name/years: one bureau across years.

import type { FastifyInstance } from 'fastify'
import { ErrorSchema } from '../schemas.js'
import { BureauParams, BureauYearsSchema } from '../schemas-years.js'
import { typed } from './typed.js'

export default async function yearsRoutes(fastify: FastifyInstance) {
  const app = typed(fastify)
  app.get(
    '/api/bureaus/:name/years',
    {
      schema: {
        params: BureauParams,
        summary:
          'One bureau’s reports by year, what each year names, and year over year what is new, kept and dropped, overall and part by part',
        response: { 200: BureauYearsSchema, 400: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request) => app.backend.bureauYears(request.params.name),
  )
}
