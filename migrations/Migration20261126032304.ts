import { Migration } from '@mikro-orm/migrations';

export class Migration20261126032304 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "group_visibility" as enum ('PUBLIC', 'UNLISTED');`);
    this.addSql(`create type "join_policy" as enum ('OPEN', 'APPROVAL');`);
    this.addSql(`create type "event_status" as enum ('SCHEDULED', 'CANCELLED');`);
    this.addSql(`create type "group_role" as enum ('ORGANIZER', 'MEMBER');`);
    this.addSql(`create type "membership_status" as enum ('ACTIVE', 'PENDING');`);
    this.addSql(`create type "rsvp_status" as enum ('GOING', 'NOT_GOING', 'WAITLISTED');`);
    this.addSql(`create table "community_group" ("id" uuid not null, "slug" varchar(120) not null, "name" varchar(120) not null, "description" text not null default '', "region_id" uuid not null, "meeting_latitude" double precision null, "meeting_longitude" double precision null, "latitude" double precision not null, "longitude" double precision not null, "links" jsonb not null default '[]', "visibility" "group_visibility" not null default 'PUBLIC', "join_policy" "join_policy" not null default 'OPEN', "member_count" int not null default 0, "version" int not null default 1, "created_at" timestamptz(3) not null default now(), "updated_at" timestamptz not null default now(), constraint "community_group_pkey" primary key ("id"));`);
    this.addSql(`alter table "community_group" add constraint "community_group_slug_unique" unique ("slug");`);
    this.addSql(`create index "community_group_region_index" on "community_group" ("region_id", "visibility");`);
    this.addSql(`create index "community_group_name_trgm_index" on "community_group" using gin (hometown_unaccent("name") gin_trgm_ops);`);
    this.addSql(`create index "community_group_location_index" on "community_group" using gist (ll_to_earth("latitude", "longitude"));`);

    this.addSql(`create table "event" ("id" uuid not null, "group_id" uuid not null, "title" varchar(160) not null, "description" text not null default '', "starts_at" timestamptz(3) not null, "ends_at" timestamptz(3) not null, "time_zone" varchar(64) not null, "online_url" varchar(500) null, "venue_id" uuid null, "capacity" int null, "status" "event_status" not null default 'SCHEDULED', "cancel_reason" text null, "region_id" uuid not null, "latitude" double precision not null, "longitude" double precision not null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "event_pkey" primary key ("id"));`);
    this.addSql(`create index "event_location_index" on "event" using gist (ll_to_earth("latitude", "longitude"));`);
    this.addSql(`create index "event_region_index" on "event" ("region_id", "starts_at");`);
    this.addSql(`create index "event_venue_index" on "event" ("venue_id", "starts_at");`);
    this.addSql(`create index "event_group_index" on "event" ("group_id", "starts_at");`);
    this.addSql(`create index "event_starts_at_index" on "event" ("starts_at", "id");`);

    this.addSql(`create table "group_membership" ("group_id" uuid not null, "account_id" uuid not null, "role" "group_role" not null, "status" "membership_status" not null, "created_at" timestamptz(3) not null default now(), constraint "group_membership_pkey" primary key ("group_id", "account_id"));`);
    this.addSql(`create index "group_membership_account_id_index" on "group_membership" ("account_id");`);
    this.addSql(`create index "group_membership_group_index" on "group_membership" ("group_id", "status", "created_at");`);

    this.addSql(`create table "rsvp" ("event_id" uuid not null, "account_id" uuid not null, "status" "rsvp_status" not null, "responded_at" timestamptz(3) not null, constraint "rsvp_pkey" primary key ("event_id", "account_id"));`);
    this.addSql(`create index "rsvp_account_id_index" on "rsvp" ("account_id");`);
    this.addSql(`create index "rsvp_event_status_index" on "rsvp" ("event_id", "status", "responded_at");`);

    this.addSql(`alter table "community_group" add constraint "community_group_region_id_foreign" foreign key ("region_id") references "region" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "event" add constraint "event_group_id_foreign" foreign key ("group_id") references "community_group" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "event" add constraint "event_venue_id_foreign" foreign key ("venue_id") references "business" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "event" add constraint "event_region_id_foreign" foreign key ("region_id") references "region" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "group_membership" add constraint "group_membership_group_id_foreign" foreign key ("group_id") references "community_group" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "group_membership" add constraint "group_membership_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "rsvp" add constraint "rsvp_event_id_foreign" foreign key ("event_id") references "event" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "rsvp" add constraint "rsvp_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "event" drop constraint "event_group_id_foreign";`);

    this.addSql(`alter table "group_membership" drop constraint "group_membership_group_id_foreign";`);

    this.addSql(`alter table "rsvp" drop constraint "rsvp_event_id_foreign";`);

    this.addSql(`drop table if exists "community_group" cascade;`);

    this.addSql(`drop table if exists "event" cascade;`);

    this.addSql(`drop table if exists "group_membership" cascade;`);

    this.addSql(`drop table if exists "rsvp" cascade;`);

    this.addSql(`drop type "group_visibility";`);
    this.addSql(`drop type "join_policy";`);
    this.addSql(`drop type "event_status";`);
    this.addSql(`drop type "group_role";`);
    this.addSql(`drop type "membership_status";`);
    this.addSql(`drop type "rsvp_status";`);
  }

}
