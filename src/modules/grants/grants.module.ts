import { Module, OnModuleInit } from '@nestjs/common';
import { AuditModule } from '../../core/audit/audit.module';
import { AccountsModule } from '../accounts/accounts.module';
import { PersonalDataRegistry } from '../accounts/personal-data.registry';
import { BusinessesModule } from '../businesses/businesses.module';
import { RegionsModule } from '../regions/regions.module';
import { ApplicationsResolver } from './applications.resolver';
import { ApplicationsService } from './applications.service';
import { grantsPersonalData } from './grants-personal-data';
import { OrganizationsResolver } from './organizations.resolver';
import { OrganizationsService } from './organizations.service';
import { ProgramsResolver } from './programs.resolver';
import { ProgramsService } from './programs.service';

@Module({
  imports: [RegionsModule, AuditModule, AccountsModule, BusinessesModule],
  providers: [OrganizationsService, ProgramsService, ApplicationsService, OrganizationsResolver, ProgramsResolver, ApplicationsResolver],
})
export class GrantsModule implements OnModuleInit {
  constructor(
    private readonly personalData: PersonalDataRegistry,
    private readonly organizations: OrganizationsService,
  ) {}

  onModuleInit(): void {
    this.personalData.register(grantsPersonalData(this.organizations));
  }
}
