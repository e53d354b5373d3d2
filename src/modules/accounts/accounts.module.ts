import { Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { AuditModule } from '../../core/audit/audit.module';
import { AccessRulesCheck } from '../../core/auth/access-rules.check';
import { AuthGuard } from '../../core/auth/auth.guard';
import { Authenticator } from '../../core/auth/authenticator';
import { RegionsModule } from '../regions/regions.module';
import { AccountResolver, SessionResolver } from './account.resolver';
import { AccountsService } from './accounts.service';
import { AdminBootstrap } from './admin-bootstrap.service';
import { AuthPagesController } from './auth-pages.controller';
import { AuthResolver } from './auth.resolver';
import { EmailFlowsResolver } from './email-flows.resolver';
import { EmailFlowsService } from './email-flows.service';
import { MembersResolver, RegionMembersResolver } from './members.resolver';
import { MembersService } from './members.service';
import { PasswordHasher } from './password-hasher.service';
import { PersonalDataRegistry } from './personal-data.registry';
import { PrivacyResolver } from './privacy.resolver';
import { PrivacyService } from './privacy.service';
import { RolesResolver } from './roles.resolver';
import { RolesService } from './roles.service';
import { SessionsService } from './sessions.service';

@Module({
  imports: [RegionsModule, AuditModule, DiscoveryModule],
  controllers: [AuthPagesController],
  providers: [
    PasswordHasher,
    SessionsService,
    AccountsService,
    EmailFlowsService,
    PrivacyService,
    PersonalDataRegistry,
    RolesService,
    MembersService,
    AdminBootstrap,
    AuthResolver,
    AccountResolver,
    SessionResolver,
    EmailFlowsResolver,
    PrivacyResolver,
    RolesResolver,
    MembersResolver,
    RegionMembersResolver,
    // The guard of every route and resolver (core/auth); accounts turn tokens into viewers.
    { provide: Authenticator, useExisting: SessionsService },
    { provide: APP_GUARD, useClass: AuthGuard },
    AccessRulesCheck,
  ],
  exports: [PersonalDataRegistry, SessionsService, RolesService],
})
export class AccountsModule {}
