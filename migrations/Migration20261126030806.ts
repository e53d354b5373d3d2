import { Migration } from '@mikro-orm/migrations';

export class Migration20261126030806 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "business_status" as enum ('DRAFT', 'PENDING_REVIEW', 'PUBLISHED', 'REJECTED', 'SUSPENDED');`);
    this.addSql(`create type "business_role" as enum ('OWNER', 'EDITOR');`);
    this.addSql(`create type "claim_status" as enum ('PENDING', 'APPROVED', 'REJECTED');`);
    this.addSql(`create table "category" ("id" uuid not null, "slug" varchar(80) not null, "name" varchar(80) not null, "parent_id" uuid null, "position" smallint not null default 0, constraint "category_pkey" primary key ("id"));`);
    this.addSql(`alter table "category" add constraint "category_slug_unique" unique ("slug");`);
    this.addSql(`create index "category_parent_id_index" on "category" ("parent_id");`);

    this.addSql(`create table "business" ("id" uuid not null, "slug" varchar(200) not null, "name" varchar(160) not null, "description" text not null default '', "status" "business_status" not null default 'DRAFT', "status_reason" text null, "region_id" uuid not null, "street_address" text null, "latitude" double precision null, "longitude" double precision null, "time_zone" varchar(64) not null, "website" varchar(500) null, "email" varchar(254) null, "phone" varchar(40) null, "social_links" jsonb not null default '[]', "image_urls" jsonb not null default '[]', "opening_hours" jsonb not null default '[]', "tags" text[] not null default '{}', "member_owned" boolean not null default false, "member_owned_verified_at" timestamptz null, "submitted_at" timestamptz null, "published_at" timestamptz null, "deleted_at" timestamptz null, "search" tsvector generated always as ((setweight(to_tsvector('simple'::regconfig, hometown_unaccent((name)::text)), 'A'::"char") || setweight(to_tsvector('simple'::regconfig, hometown_unaccent(hometown_tags_text(tags))), 'B'::"char")) || setweight(to_tsvector('simple'::regconfig, hometown_unaccent(description)), 'C'::"char")) stored not null, "version" int not null default 1, "created_at" timestamptz(3) not null default now(), "updated_at" timestamptz not null default now(), constraint "business_pkey" primary key ("id"));`);
    this.addSql(`alter table "business" add constraint "business_slug_unique" unique ("slug");`);
    this.addSql(`create index "business_tags_index" on "business" using gin ("tags");`);
    this.addSql(`create index "business_submitted_index" on "business" ("status", "submitted_at");`);
    this.addSql(`create index "business_listed_newest_index" on "business" ("created_at" desc, "id" desc) where "status" = 'PUBLISHED' and "deleted_at" is null;`);
    this.addSql(`create index "business_region_index" on "business" ("region_id", "status");`);
    this.addSql(`create index "business_listed_name_index" on "business" ("name", "id") where "status" = 'PUBLISHED' and "deleted_at" is null;`);
    this.addSql(`create index "business_location_index" on "business" using gist (ll_to_earth("latitude", "longitude")) where "latitude" is not null;`);
    this.addSql(`create index "business_name_trgm_index" on "business" using gin (hometown_unaccent("name") gin_trgm_ops);`);
    this.addSql(`create index "business_search_index" on "business" using gin ("search");`);

    this.addSql(`create table "business_category" ("business_id" uuid not null, "category_id" uuid not null, constraint "business_category_pkey" primary key ("business_id", "category_id"));`);
    this.addSql(`create index "business_category_category_index" on "business_category" ("category_id", "business_id");`);

    this.addSql(`create table "business_owner" ("business_id" uuid not null, "account_id" uuid not null, "role" "business_role" not null, "created_at" timestamptz not null default now(), constraint "business_owner_pkey" primary key ("business_id", "account_id"));`);
    this.addSql(`create index "business_owner_account_id_index" on "business_owner" ("account_id");`);

    this.addSql(`create table "business_claim" ("id" uuid not null, "business_id" uuid not null, "claimant_id" uuid not null, "evidence" text not null, "status" "claim_status" not null default 'PENDING', "decision_reason" text null, "decided_by_id" uuid null, "decided_at" timestamptz null, "created_at" timestamptz not null default now(), constraint "business_claim_pkey" primary key ("id"));`);
    this.addSql(`create index "business_claim_claimant_id_index" on "business_claim" ("claimant_id");`);
    this.addSql(`create unique index "business_claim_pending_unique" on "business_claim" ("business_id", "claimant_id") where "status" = 'PENDING';`);
    this.addSql(`create index "business_claim_queue_index" on "business_claim" ("status", "created_at");`);

    this.addSql(`alter table "category" add constraint "category_parent_id_foreign" foreign key ("parent_id") references "category" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "business" add constraint "business_region_id_foreign" foreign key ("region_id") references "region" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "business_category" add constraint "business_category_business_id_foreign" foreign key ("business_id") references "business" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "business_category" add constraint "business_category_category_id_foreign" foreign key ("category_id") references "category" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "business_owner" add constraint "business_owner_business_id_foreign" foreign key ("business_id") references "business" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "business_owner" add constraint "business_owner_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "business_claim" add constraint "business_claim_business_id_foreign" foreign key ("business_id") references "business" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "business_claim" add constraint "business_claim_claimant_id_foreign" foreign key ("claimant_id") references "account" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "business_claim" add constraint "business_claim_decided_by_id_foreign" foreign key ("decided_by_id") references "account" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "category" drop constraint "category_parent_id_foreign";`);

    this.addSql(`alter table "business_category" drop constraint "business_category_category_id_foreign";`);

    this.addSql(`alter table "business_category" drop constraint "business_category_business_id_foreign";`);

    this.addSql(`alter table "business_owner" drop constraint "business_owner_business_id_foreign";`);

    this.addSql(`alter table "business_claim" drop constraint "business_claim_business_id_foreign";`);

    this.addSql(`drop table if exists "category" cascade;`);

    this.addSql(`drop table if exists "business" cascade;`);

    this.addSql(`drop table if exists "business_category" cascade;`);

    this.addSql(`drop table if exists "business_owner" cascade;`);

    this.addSql(`drop table if exists "business_claim" cascade;`);

    this.addSql(`drop type "business_status";`);
    this.addSql(`drop type "business_role";`);
    this.addSql(`drop type "claim_status";`);
  }

}
