import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { IncomingMessage } from 'node:http';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { AppConfig } from './config/app-config';
import { GRAPHQL_PATH } from './core/graphql/graphql-options';
import { registerGraphqlIde } from './core/http/graphql-ide';
import { REQUEST_ID_HEADER, requestIdOf } from './core/logging/logging';

export type ResolvedConfig = AppConfig & { databaseUrl: string };

/** Builds and initialises the application (not yet listening). Used by `main.ts` and by the tests. */
export async function createApp(config: ResolvedConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    trustProxy: typeof config.trustProxy === 'object' ? [...config.trustProxy] : config.trustProxy,
    // Idle keep-alive sockets must not hold up a graceful shutdown; busy ones finish first.
    forceCloseConnections: 'idle',
    genReqId: (req: IncomingMessage) => {
      const id = requestIdOf(req);
      (req as IncomingMessage & { id?: string }).id = id;
      return id;
    },
    logger: false,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));

  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
  });
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: [...config.corsOrigins],
      methods: ['GET', 'POST', 'OPTIONS'],
      allowedHeaders: ['content-type', 'authorization', 'apollo-require-preflight', REQUEST_ID_HEADER],
      exposedHeaders: [REQUEST_ID_HEADER],
      maxAge: 600,
    });
  }
  if (!config.isProduction) registerGraphqlIde(fastify, GRAPHQL_PATH);

  await app.init();
  await fastify.ready();
  return app;
}
