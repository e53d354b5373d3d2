import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { PinoLogger } from 'nestjs-pino';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { DateTimeScalar } from '../scalars/date-time.scalar';
import { ValidationPipe } from '../validation/validation.pipe';
import { graphqlOptions } from './graphql-options';

/** The GraphQL endpoint and its cross-cutting parts: scalars, validation, limits, errors. */
@Module({
  imports: [
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      inject: [APP_CONFIG, PinoLogger],
      useFactory: (config: AppConfig, logger: PinoLogger) => graphqlOptions(config, logger),
    }),
  ],
  providers: [DateTimeScalar, { provide: APP_PIPE, useClass: ValidationPipe }],
})
export class GraphqlApiModule {}
