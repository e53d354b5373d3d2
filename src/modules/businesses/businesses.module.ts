import { Module, OnModuleInit } from '@nestjs/common';
import { AuditModule } from '../../core/audit/audit.module';
import { AccountsModule } from '../accounts/accounts.module';
import { PersonalDataRegistry } from '../accounts/personal-data.registry';
import { RegionsModule } from '../regions/regions.module';
import { RegionFacetResolver } from './region-facet.resolver';
import { BusinessOwnersService } from './business-owners.service';
import { businessPersonalData } from './business-personal-data';
import { BusinessesReader } from './businesses-reader.service';
import { BusinessesResolver } from './businesses.resolver';
import { BusinessesService } from './businesses.service';
import { CategoriesService } from './categories.service';
import { ClaimsResolver } from './claims.resolver';
import { ModerationResolver } from './moderation.resolver';
import { ModerationService } from './moderation.service';

@Module({
  imports: [RegionsModule, AuditModule, AccountsModule],
  providers: [
    BusinessesReader,
    BusinessesService,
    BusinessOwnersService,
    ModerationService,
    CategoriesService,
    BusinessesResolver,
    RegionFacetResolver,
    ModerationResolver,
    ClaimsResolver,
  ],
  exports: [BusinessesReader],
})
export class BusinessesModule implements OnModuleInit {
  constructor(private readonly personalData: PersonalDataRegistry) {}

  onModuleInit(): void {
    this.personalData.register(businessPersonalData);
  }
}
