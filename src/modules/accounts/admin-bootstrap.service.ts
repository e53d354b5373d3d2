import { CreateRequestContext, MikroORM } from '@mikro-orm/core';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { AppConfig } from '../../config/app-config';
import { InjectConfig } from '../../config/config.module';
import { RequestContext } from '../../core/context/request-context';
import { RolesService } from './roles.service';

/** Makes the ADMIN_EMAIL account the first admin at start-up when it exists and no admin does (registration covers the rest). */
@Injectable()
export class AdminBootstrap implements OnApplicationBootstrap {
  constructor(
    // Read by @CreateRequestContext.
    readonly orm: MikroORM,
    private readonly roles: RolesService,
    private readonly logger: PinoLogger,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    this.logger.setContext(AdminBootstrap.name);
  }

  @CreateRequestContext()
  async onApplicationBootstrap(): Promise<void> {
    const email = this.config.auth.adminEmail;
    if (!email) return;
    const outcome = await this.roles.makeAdminByEmail(RequestContext.system('startup'), email, 'ADMIN_EMAIL', { firstOnly: true });
    if (outcome === 'granted') this.logger.info({ email }, 'ADMIN_EMAIL account made an admin');
  }
}
