import { Migration } from '@mikro-orm/migrations';

/**
 * A version of the region table that every change bumps: processes keep the region tree in memory
 * and check this version in the statements that filter by a subtree (RegionTree).
 */
export class Migration20261126053435 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "region_tree_version" ("id" smallint not null default 1, "version" bigint not null default 1, constraint "region_tree_version_pkey" primary key ("id"), constraint region_tree_version_single_row_check check (id = 1));`);
    this.addSql(`insert into "region_tree_version" ("id", "version") values (1, 1);`);
    // Once per statement (a subtree move rewrites many rows in one); an upsert, so a lost row comes back.
    this.addSql(`create or replace function hometown_bump_region_tree_version() returns trigger language plpgsql as $$
      begin
        insert into region_tree_version (id, version) values (1, 1)
          on conflict (id) do update set version = region_tree_version.version + 1;
        return null;
      end $$;`);
    this.addSql(`create trigger region_tree_version_bump after insert or update or delete or truncate on "region"
      for each statement execute function hometown_bump_region_tree_version();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists region_tree_version_bump on "region";`);
    this.addSql(`drop function if exists hometown_bump_region_tree_version();`);
    this.addSql(`drop table if exists "region_tree_version" cascade;`);
  }

}
