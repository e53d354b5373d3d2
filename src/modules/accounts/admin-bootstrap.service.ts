import { CreateRequestContext, MikroORM } from '@mikro-orm/core';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { AppConfig } from '../../config/app-config';
import { InjectConfig } from '../../config/config.module';
import { RequestContext } from '../../core/context/request-context';
import { RolesService } from './roles.service';

/** Makes the ADMIN_EMAIL account an admin at start-up when it exists with its address verified (verifying it covers the rest). */
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
    const outcome = await this.roles.makeAdminByEmail(RequestContext.system('startup'), email, 'ADMIN_EMAIL', { verifiedOnly: true });
    if (outcome === 'granted') this.logger.info({ email }, 'ADMIN_EMAIL account made an admin');
  }
}
