import { AuditModule } from '../../core/audit/audit.module';
import { Module, OnModuleInit } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { PersonalDataRegistry } from '../accounts/personal-data.registry';
import { BusinessesModule } from '../businesses/businesses.module';
import { RegionsModule } from '../regions/regions.module';
import { CalendarController } from './calendar.controller';
import { EventsResolver, VenueEventsResolver } from './events.resolver';
import { EventsService } from './events.service';
import { groupPersonalData } from './group-personal-data';
import { GroupsReader } from './groups-reader.service';
import { GroupsResolver } from './groups.resolver';
import { GroupsService } from './groups.service';

@Module({
  imports: [RegionsModule, AuditModule, AccountsModule, BusinessesModule],
  controllers: [CalendarController],
  providers: [GroupsService, EventsService, GroupsReader, GroupsResolver, EventsResolver, VenueEventsResolver],
})
export class GroupsModule implements OnModuleInit {
  constructor(private readonly personalData: PersonalDataRegistry) {}

  onModuleInit(): void {
    this.personalData.register(groupPersonalData);
  }
}
