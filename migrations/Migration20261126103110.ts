import { Migration } from '@mikro-orm/migrations';

/**
 * Published listings counted per region and per region and category (ListingCountByRegion,
 * ListingCountByCategory), kept by triggers so that facets of a region need not count its
 * listings on every request. Listings, their category links and the taxonomy change through
 * statements of any size, so the triggers work per statement on what it changed: a listing that
 * enters or leaves the published set, moves region or changes categories shifts the counts by the
 * difference between what it counted under before and after. A statement only notes its shifts
 * (ListingCountShift); the transaction applies them all when it commits, one transaction at a
 * time, so concurrent writers wait for each other only then and never deadlock over count rows.
 * A change of the taxonomy's shape (a category moved or deleted) or a TRUNCATE recounts
 * everything.
 */
export class Migration20261126103110 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "listing_count_by_category" ("region_id" uuid not null, "category_id" uuid not null, "listings" int not null, constraint "listing_count_by_category_pkey" primary key ("region_id", "category_id"), constraint listing_count_by_category_listings_check check (listings >= 0));`);

    this.addSql(`create table "listing_count_by_region" ("region_id" uuid not null, "listings" int not null, constraint "listing_count_by_region_pkey" primary key ("region_id"), constraint listing_count_by_region_listings_check check (listings >= 0));`);

    this.addSql(`create table "listing_count_shift" ("id" bigserial primary key, "transaction_id" bigint not null, "shifts" jsonb not null);`);
    this.addSql(`create index "listing_count_shift_transaction_index" on "listing_count_shift" ("transaction_id");`);

    // One listing's side of a change: it counts (sign 1) or no longer counts (sign -1) in a region
    // under the categories it is linked to.
    this.addSql(`create type hometown_listing_side as (region_id uuid, sign int, category_ids uuid[]);`);

    // The categories a listing's link to category_id counts it under: the category itself if it is
    // a child, and its top-level category (the category itself at the top). A listing counts once
    // under each category any of its links gives.
    this.addSql(`create function hometown_facet_categories(category_id uuid) returns setof uuid
      language sql stable parallel safe as $$
        select v.id from category c
         cross join lateral (values (case when c.parent_id is not null then c.id end), (coalesce(c.parent_id, c.id))) v(id)
         where c.id = $1 and v.id is not null
      $$;`);

    // Notes the shifts the sides add up to (one row per statement), for the transaction to apply
    // when it commits.
    this.addSql(`create function hometown_listing_counts_shift(sides hometown_listing_side[]) returns void
      language plpgsql as $$
      begin
        if coalesce(cardinality(sides), 0) = 0 then
          return;
        end if;
        insert into listing_count_shift (transaction_id, shifts)
          select txid_current(), jsonb_agg(jsonb_build_object('region_id', shift.region_id, 'category_id', shift.category_id, 'listings', shift.listings))
            from (
              select s.region_id, null::uuid as category_id, sum(s.sign) as listings from unnest(sides) s
               group by s.region_id having sum(s.sign) <> 0
              union all
              select s.region_id, f.category_id, sum(s.sign)
                from unnest(sides) s
               cross join lateral (
                 select distinct f.category_id from unnest(s.category_ids) l(id) cross join lateral hometown_facet_categories(l.id) f(category_id)) f
               group by s.region_id, f.category_id having sum(s.sign) <> 0) shift
          having count(*) > 0;
      end $$;`);

    // Applies the transaction's noted shifts (at commit: the first of its deferred trigger calls
    // takes them all) and removes the rows that reach zero. One transaction applies at a time (an
    // advisory lock, also taken by a recount), so writers wait for each other only here, at commit,
    // and never deadlock over count rows. Rows that exist are updated (a check on an upsert would
    // refuse the negative row it proposes before it sees the conflict); the others are inserted.
    // A count that would go below zero, or a negative shift of a row that does not exist, violates
    // the check: the counts and the listings disagree, and the commit fails loudly.
    this.addSql(`create function hometown_listing_counts_apply() returns trigger
      language plpgsql as $$
      declare
        regions uuid[];
        categories uuid[];
        shifts int[];
      begin
        -- Applied already, with the rest of the transaction's.
        if not exists (select 1 from listing_count_shift s where s.id = new.id) then
          return null;
        end if;
        with taken as (
               delete from listing_count_shift s where s.transaction_id = txid_current() returning s.shifts),
             noted as (
               select shift.* from taken cross join lateral jsonb_to_recordset(taken.shifts) shift(region_id uuid, category_id uuid, listings int)),
             summed as (
               select noted.region_id, noted.category_id, sum(noted.listings)::int as listings from noted
                group by noted.region_id, noted.category_id having sum(noted.listings) <> 0)
        select array_agg(summed.region_id), array_agg(summed.category_id), array_agg(summed.listings)
          into regions, categories, shifts from summed;
        if regions is null then
          return null;
        end if;
        perform pg_advisory_xact_lock(hashtext('hometown_listing_counts'));
        with shift as (
               select * from unnest(regions, categories, shifts) a(region_id, category_id, listings) where a.category_id is null),
             updated as (
               update listing_count_by_region t set listings = t.listings + shift.listings
                 from shift where t.region_id = shift.region_id returning t.region_id)
        insert into listing_count_by_region (region_id, listings)
          select shift.region_id, shift.listings from shift where shift.region_id not in (select region_id from updated);
        with shift as (
               select * from unnest(regions, categories, shifts) a(region_id, category_id, listings) where a.category_id is not null),
             updated as (
               update listing_count_by_category t set listings = t.listings + shift.listings
                 from shift where t.region_id = shift.region_id and t.category_id = shift.category_id
               returning t.region_id, t.category_id)
        insert into listing_count_by_category (region_id, category_id, listings)
          select shift.region_id, shift.category_id, shift.listings from shift
           where (shift.region_id, shift.category_id) not in (select region_id, category_id from updated);
        delete from listing_count_by_region t where t.region_id = any (regions) and t.listings = 0;
        delete from listing_count_by_category t where t.region_id = any (regions) and t.listings = 0;
        return null;
      end $$;`);
    this.addSql(`create constraint trigger listing_count_shift_apply after insert on "listing_count_shift"
      deferrable initially deferred for each row execute function hometown_listing_counts_apply();`);

    // Counts everything again from the listings (after the taxonomy changed shape, or a TRUNCATE).
    this.addSql(`create function hometown_listing_counts_rebuild() returns void
      language plpgsql as $$
      begin
        perform pg_advisory_xact_lock(hashtext('hometown_listing_counts'));
        -- What this transaction noted so far is in the recount.
        delete from listing_count_shift where transaction_id = txid_current();
        delete from listing_count_by_region;
        delete from listing_count_by_category;
        insert into listing_count_by_region (region_id, listings)
          select b.region_id, count(*) from business b
           where b.status = 'PUBLISHED' and b.deleted_at is null group by b.region_id;
        insert into listing_count_by_category (region_id, category_id, listings)
          select counted.region_id, counted.category_id, count(*)
            from (select distinct b.id, b.region_id, f.category_id
                    from business b
                    join business_category bc on bc.business_id = b.id
                   cross join lateral hometown_facet_categories(bc.category_id) f(category_id)
                   where b.status = 'PUBLISHED' and b.deleted_at is null) counted
           group by counted.region_id, counted.category_id;
      end $$;`);

    // New listings: those inserted published count (with whatever links they already have).
    this.addSql(`create function hometown_listing_counts_business_insert() returns trigger
      language plpgsql as $$
      begin
        perform hometown_listing_counts_shift(array(
          select row(n.region_id, 1, array(select bc.category_id from business_category bc where bc.business_id = n.id))::hometown_listing_side
            from new_rows n
           where n.status = 'PUBLISHED' and n.deleted_at is null));
        return null;
      end $$;`);
    this.addSql(`create trigger listing_counts_business_insert after insert on "business"
      referencing new table as new_rows for each statement execute function hometown_listing_counts_business_insert();`);

    // Changed listings: one that stops counting, starts counting or moves region while counting
    // leaves its old side and takes its new one (its links are not part of this statement).
    this.addSql(`create function hometown_listing_counts_business_update() returns trigger
      language plpgsql as $$
      begin
        perform hometown_listing_counts_shift(array(
          select row(side.region_id, side.sign, array(select bc.category_id from business_category bc where bc.business_id = n.id))::hometown_listing_side
            from old_rows o
            join new_rows n on n.id = o.id
           cross join lateral (values
             (o.region_id, -1, o.status = 'PUBLISHED' and o.deleted_at is null),
             (n.region_id, 1, n.status = 'PUBLISHED' and n.deleted_at is null)) side(region_id, sign, counts)
           where side.counts
             and ((o.status = 'PUBLISHED' and o.deleted_at is null) is distinct from (n.status = 'PUBLISHED' and n.deleted_at is null)
                  or o.region_id <> n.region_id)));
        return null;
      end $$;`);
    this.addSql(`create trigger listing_counts_business_update after update on "business"
      referencing old table as old_rows new table as new_rows for each statement execute function hometown_listing_counts_business_update();`);

    // Deleted rows (listings are soft-deleted; this is for a hard delete): before the row goes,
    // while its links, which go with it, are still there.
    this.addSql(`create function hometown_listing_counts_business_delete() returns trigger
      language plpgsql as $$
      begin
        if old.status = 'PUBLISHED' and old.deleted_at is null then
          perform hometown_listing_counts_shift(array[
            row(old.region_id, -1, array(select bc.category_id from business_category bc where bc.business_id = old.id))::hometown_listing_side]);
        end if;
        return old;
      end $$;`);
    this.addSql(`create trigger listing_counts_business_delete before delete on "business"
      for each row execute function hometown_listing_counts_business_delete();`);

    // Links added, removed or changed: every counting listing they belong to leaves the categories
    // it counted under before the statement (its links now, without those added, with those
    // removed) and takes those it counts under now.
    this.addSql(`create function hometown_listing_counts_links() returns trigger
      language plpgsql as $$
      declare
        added_businesses uuid[] := '{}';
        added_categories uuid[] := '{}';
        removed_businesses uuid[] := '{}';
        removed_categories uuid[] := '{}';
      begin
        if tg_op in ('INSERT', 'UPDATE') then
          select coalesce(array_agg(business_id), '{}'), coalesce(array_agg(category_id), '{}')
            into added_businesses, added_categories from new_rows;
        end if;
        if tg_op in ('DELETE', 'UPDATE') then
          select coalesce(array_agg(business_id), '{}'), coalesce(array_agg(category_id), '{}')
            into removed_businesses, removed_categories from old_rows;
        end if;
        perform hometown_listing_counts_shift(array(
          with added as (select * from unnest(added_businesses, added_categories) a(business_id, category_id)),
               removed as (select * from unnest(removed_businesses, removed_categories) r(business_id, category_id)),
               counting as (
                 select b.id, b.region_id, array(select bc.category_id from business_category bc where bc.business_id = b.id) as now
                   from business b
                  where b.id in (select business_id from added union select business_id from removed)
                    and b.status = 'PUBLISHED' and b.deleted_at is null)
          select row(c.region_id, side.sign, side.category_ids)::hometown_listing_side
            from counting c
           cross join lateral (values
             (1, c.now),
             (-1, array((select l from unnest(c.now) l except select a.category_id from added a where a.business_id = c.id)
                        union
                        select r.category_id from removed r where r.business_id = c.id))) side(sign, category_ids)));
        return null;
      end $$;`);
    for (const event of ['insert', 'update', 'delete']) {
      const transition = { insert: 'new table as new_rows', update: 'old table as old_rows new table as new_rows', delete: 'old table as old_rows' }[event];
      this.addSql(`create trigger listing_counts_links_${event} after ${event} on "business_category"
        referencing ${transition} for each statement execute function hometown_listing_counts_links();`);
    }

    // The taxonomy: only a category that moves (or goes) changes what listings count under.
    this.addSql(`create function hometown_listing_counts_recount() returns trigger
      language plpgsql as $$
      begin
        if tg_op = 'UPDATE' then
          if not exists (select 1 from old_rows o join new_rows n on n.id = o.id where o.parent_id is distinct from n.parent_id) then
            return null;
          end if;
        end if;
        perform hometown_listing_counts_rebuild();
        return null;
      end $$;`);
    this.addSql(`create trigger listing_counts_category_update after update on "category"
      referencing old table as old_rows new table as new_rows for each statement execute function hometown_listing_counts_recount();`);
    this.addSql(`create trigger listing_counts_category_delete after delete on "category"
      for each statement execute function hometown_listing_counts_recount();`);
    for (const table of ['business', 'business_category', 'category']) {
      this.addSql(`create trigger listing_counts_${table}_truncate after truncate on "${table}"
        for each statement execute function hometown_listing_counts_recount();`);
    }

    this.addSql(`select hometown_listing_counts_rebuild();`);
  }

  override async down(): Promise<void> {
    for (const [trigger, table] of [
      ['listing_counts_business_insert', 'business'],
      ['listing_counts_business_update', 'business'],
      ['listing_counts_business_delete', 'business'],
      ['listing_counts_links_insert', 'business_category'],
      ['listing_counts_links_update', 'business_category'],
      ['listing_counts_links_delete', 'business_category'],
      ['listing_counts_category_update', 'category'],
      ['listing_counts_category_delete', 'category'],
      ['listing_counts_business_truncate', 'business'],
      ['listing_counts_business_category_truncate', 'business_category'],
      ['listing_counts_category_truncate', 'category'],
      ['listing_count_shift_apply', 'listing_count_shift'],
    ]) {
      this.addSql(`drop trigger if exists ${trigger} on "${table}";`);
    }
    for (const fn of [
      'hometown_listing_counts_recount()',
      'hometown_listing_counts_links()',
      'hometown_listing_counts_business_delete()',
      'hometown_listing_counts_business_update()',
      'hometown_listing_counts_business_insert()',
      'hometown_listing_counts_rebuild()',
      'hometown_listing_counts_apply()',
      'hometown_listing_counts_shift(hometown_listing_side[])',
      'hometown_facet_categories(uuid)',
    ]) {
      this.addSql(`drop function if exists ${fn};`);
    }
    this.addSql(`drop type if exists hometown_listing_side;`);
    this.addSql(`drop table if exists "listing_count_shift" cascade;`);
    this.addSql(`drop table if exists "listing_count_by_category" cascade;`);
    this.addSql(`drop table if exists "listing_count_by_region" cascade;`);
  }

}
