import { Migration } from '@mikro-orm/migrations';

/**
 * A version of the category taxonomy that every change bumps: processes name listings' categories
 * from their own copy of the taxonomy and check this version in the statements that do.
 */
export class Migration20261126060100 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "category_version" ("id" smallint not null default 1, "version" bigint not null default 1, constraint "category_version_pkey" primary key ("id"), constraint category_version_single_row_check check (id = 1));`);
    this.addSql(`insert into "category_version" ("id", "version") values (1, 1);`);
    this.addSql(`create or replace function hometown_bump_category_version() returns trigger language plpgsql as $$
      begin
        insert into category_version (id, version) values (1, 1)
          on conflict (id) do update set version = category_version.version + 1;
        return null;
      end $$;`);
    this.addSql(`create trigger category_version_bump after insert or update or delete or truncate on "category"
      for each statement execute function hometown_bump_category_version();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists category_version_bump on "category";`);
    this.addSql(`drop function if exists hometown_bump_category_version();`);
    this.addSql(`drop table if exists "category_version" cascade;`);
  }

}
