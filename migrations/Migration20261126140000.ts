import { Migration } from '@mikro-orm/migrations';

/**
 * A recount after the taxonomy changed shape waits for every transaction still writing listings or
 * their category links. Those noted their shifts under the categories' parents as they were when
 * each statement ran, and apply them when they commit: a recount that ran before such a commit
 * would not see its listings, and the shift applied afterwards would count them under the old
 * parent (and a later unlink would fail the count's check). Locking both tables in SHARE mode
 * (which conflicts only with writers) before the recount's own lock lets those transactions commit
 * first, and holds new writers until the recount's transaction commits, so they note their shifts
 * under the new parents.
 */
export class Migration20261126140000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(rebuild(true));
  }

  override async down(): Promise<void> {
    this.addSql(rebuild(false));
  }

}

function rebuild(waitForWriters: boolean): string {
  return `create or replace function hometown_listing_counts_rebuild() returns void
      language plpgsql as $$
      begin
        ${waitForWriters ? 'lock table business, business_category in share mode;' : ''}
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
      end $$;`;
}
