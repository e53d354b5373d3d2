import { Module } from '@nestjs/common';
import { AuditModule } from '../../core/audit/audit.module';
import { RegionsAdminResolver } from './regions-admin.resolver';
import { RegionsAdminService } from './regions-admin.service';
import { RegionsResolver } from './regions.resolver';
import { RegionsService } from './regions.service';

@Module({
  imports: [AuditModule],
  providers: [RegionsService, RegionsResolver, RegionsAdminService, RegionsAdminResolver],
  exports: [RegionsService],
})
export class RegionsModule {}
