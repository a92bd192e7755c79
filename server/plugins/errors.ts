// Turns every failure into the SPEC's error shape: { error: { code, message } } with the right status.

import type { FastifyError, FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { AppError, errorCatalogue } from '../../common/errors.js'

export default fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      if (error.code === 'UNAUTHORIZED') reply.header('www-authenticate', 'Bearer')
      return reply.status(error.status).send({ error: { code: error.code, message: error.message } })
    }
    if (error.validation) {
      const where = error.validationContext ?? 'request'
      return reply.status(400).send({
        error: {
          code: 'BAD_PARAMETER',
          message: `${errorCatalogue.BAD_PARAMETER.message} (${where} ${error.message})`,
        },
      })
    }
    const status = error.statusCode ?? 500
    if (status < 500) {
      return reply
        .status(status)
        .send({ error: { code: error.code ?? 'BAD_REQUEST', message: error.message } })
    }
    request.log.error({ err: error }, 'request failed')
    return reply.status(500).send({ error: { code: 'INTERNAL', message: errorCatalogue.INTERNAL.message } })
  })
  app.setNotFoundHandler((_request, reply) => {
    reply.status(404).send({ error: { code: 'NOT_FOUND', message: errorCatalogue.NOT_FOUND.message } })
  })
})
