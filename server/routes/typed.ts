// Routes typed from their schemas: request.query and request.params are what the schema says.

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'

export const typed = (app: FastifyInstance) => app.withTypeProvider<TypeBoxTypeProvider>()
