import { Migration } from '@mikro-orm/migrations';

/**
 * A listing keeps its region's effective time zone (the region's own, else its nearest
 * ancestor's, else UTC) in `business.time_zone`, which `isOpenNow` and the `openNow` filter read.
 * It was written only when a listing was created or moved to another region, so a region given a
 * time zone, or moved under another parent, left its listings in the old zone. Now a statement
 * that changes regions' time zones or paths refreshes the listings of every region below the
 * changed ones, in the same transaction.
 */
export class Migration20261126130000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create function hometown_region_time_zone(region_path text) returns text
      language sql stable strict parallel safe as $$
        select coalesce(
          (select z.time_zone from region z
           where region_path like z.path || '%' and z.time_zone is not null
           order by z.depth desc limit 1),
          'UTC')
      $$;`);
    this.addSql(`create function hometown_business_time_zones_refresh() returns trigger
      language plpgsql as $$
      begin
        with changed as (
          select n.path from changed_regions_new n join changed_regions_old o on o.id = n.id
          where n.time_zone is distinct from o.time_zone or n.path is distinct from o.path
        ), below as (
          select distinct r.id, r.path from region r join changed c on r.path like c.path || '%'
        ), zones as (
          select below.id, hometown_region_time_zone(below.path) as time_zone from below
        )
        update business b set time_zone = zones.time_zone
        from zones
        where b.region_id = zones.id and b.time_zone is distinct from zones.time_zone;
        return null;
      end $$;`);
    this.addSql(`create trigger region_time_zones_to_businesses after update on region
      referencing old table as changed_regions_old new table as changed_regions_new
      for each statement execute function hometown_business_time_zones_refresh();`);
    // Listings already in a stale zone.
    this.addSql(`update business b set time_zone = hometown_region_time_zone(r.path)
      from region r
      where r.id = b.region_id and b.time_zone is distinct from hometown_region_time_zone(r.path);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists region_time_zones_to_businesses on region;`);
    this.addSql(`drop function if exists hometown_business_time_zones_refresh();`);
    this.addSql(`drop function if exists hometown_region_time_zone(text);`);
  }

}
