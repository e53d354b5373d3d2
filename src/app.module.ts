import { DynamicModule, Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { CoreModule } from './core/core.module';
import { GraphqlApiModule } from './core/graphql/graphql-api.module';
import { HealthModule } from './core/http/health.module';
import { loggingParams } from './core/logging/logging';
import { ormOptions } from './database/orm-options';
import { AccountsModule } from './modules/accounts/accounts.module';
import { BusinessesModule } from './modules/businesses/businesses.module';
import { GrantsModule } from './modules/grants/grants.module';
import { GroupsModule } from './modules/groups/groups.module';
import { RegionsModule } from './modules/regions/regions.module';

@Module({})
export class AppModule {
  /** The application for one configuration; `databaseUrl` must be resolved by then. */
  static forRoot(config: AppConfig & { databaseUrl: string }): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggingParams(config)),
        MikroOrmModule.forRoot({
          ...ormOptions({ databaseUrl: config.databaseUrl, poolMax: config.databasePoolMax }),
          registerRequestContext: true,
        }),
        CoreModule,
        GraphqlApiModule,
        HealthModule,
        RegionsModule,
        AccountsModule,
        BusinessesModule,
        GroupsModule,
        GrantsModule,
      ],
    };
  }
}
