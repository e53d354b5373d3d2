import { Controller, Get, Header, NotFoundException, Param } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import ical, { ICalEventStatus } from 'ical-generator';
import { Public } from '../../core/auth/access.decorators';
import { AppConfig } from '../../config/app-config';
import { InjectConfig } from '../../config/config.module';
import { sqlRunner } from '../../core/pagination/paginate';
import { SLUG_PATTERN } from '../../core/validation/common-rules';
import { BusinessStatus } from '../businesses/business-status';
import { EventStatus } from './event.entity';
import { GroupVisibility } from './group.entity';

interface CalendarRow {
  id: string;
  title: string;
  description: string;
  starts_at: Date;
  ends_at: Date;
  status: EventStatus;
  cancel_reason: string | null;
  online_url: string | null;
  venue_name: string | null;
  venue_address: string | null;
  updated_at: Date;
}

/**
 * `GET /groups/:slug/events.ics`: a public group's events as an iCalendar feed, to subscribe to.
 * A venue shows only while its listing is published (as `Event.venue` does in GraphQL).
 */
@Public()
@Controller('groups')
export class CalendarController {
  constructor(
    private readonly em: EntityManager,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  private readonly run = sqlRunner(this.em);

  @Get(':slug/events.ics')
  @Header('content-type', 'text/calendar; charset=utf-8')
  @Header('cache-control', 'public, max-age=300')
  async feed(@Param('slug') slug: string): Promise<string> {
    // Anything but a slug names no group (and a NUL character could not even be sent to PostgreSQL).
    if (!SLUG_PATTERN.test(slug)) throw new NotFoundException('No public group has this slug');
    const [group] = await this.run<{ id: string; name: string; description: string }>(
      `SELECT g.id, g.name, g.description FROM community_group g WHERE g.slug = ? AND g.visibility = '${GroupVisibility.PUBLIC}'`,
      [slug],
    );
    if (!group) throw new NotFoundException('No public group has this slug');
    const events = await this.run<CalendarRow>(
      `SELECT e.id, e.title, e.description, e.starts_at, e.ends_at, e.status, e.cancel_reason, e.online_url, e.updated_at,
              b.name AS venue_name, b.street_address AS venue_address
       FROM event e LEFT JOIN business b ON b.id = e.venue_id AND b.deleted_at IS NULL AND b.status = '${BusinessStatus.PUBLISHED}'
       WHERE e.group_id = ? AND e.ends_at > now() - interval '30 days'
       ORDER BY e.starts_at, e.id LIMIT 500`,
      [group.id],
    );
    const calendar = ical({
      name: group.name,
      description: group.description || undefined,
      prodId: { company: 'Hometown', product: 'groups' },
    });
    for (const event of events) {
      const location = [event.venue_name, event.venue_address].filter(Boolean).join(', ') || event.online_url;
      calendar.createEvent({
        id: `${event.id}@hometown`,
        start: event.starts_at,
        end: event.ends_at,
        summary: event.status === EventStatus.CANCELLED ? `Cancelled: ${event.title}` : event.title,
        description:
          event.status === EventStatus.CANCELLED ? `Cancelled: ${event.cancel_reason}\n\n${event.description}` : event.description,
        location: location || undefined,
        url: event.online_url ?? `${this.config.mail.publicUrl}/graphql`,
        status: event.status === EventStatus.CANCELLED ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
        lastModified: event.updated_at,
        stamp: event.updated_at,
      });
    }
    return calendar.toString();
  }
}
