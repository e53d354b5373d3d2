import { Migration } from '@mikro-orm/migrations';

export class Migration20261126033312 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "program_status" as enum ('DRAFT', 'OPEN', 'CLOSED', 'REVIEWING', 'DECIDED', 'ARCHIVED');`);
    this.addSql(`create type "organization_role" as enum ('OWNER', 'MANAGER');`);
    this.addSql(`create type "application_status" as enum ('DRAFT', 'SUBMITTED', 'IN_REVIEW', 'AWARDED', 'DECLINED', 'WITHDRAWN');`);
    this.addSql(`create table "organization" ("id" uuid not null, "slug" varchar(120) not null, "name" varchar(160) not null, "description" text not null default '', "website" varchar(500) null, "logo_url" varchar(500) null, "verified_at" timestamptz null, "version" int not null default 1, "created_at" timestamptz(3) not null default now(), "updated_at" timestamptz not null default now(), constraint "organization_pkey" primary key ("id"));`);
    this.addSql(`alter table "organization" add constraint "organization_slug_unique" unique ("slug");`);
    this.addSql(`create index "organization_name_trgm_index" on "organization" using gin (hometown_unaccent("name") gin_trgm_ops);`);

    this.addSql(`create table "grant_program" ("id" uuid not null, "organization_id" uuid not null, "slug" varchar(120) not null, "name" varchar(160) not null, "description" text not null default '', "currency" varchar(3) not null, "budget_minor" bigint not null default 0, "min_award_minor" bigint not null, "max_award_minor" bigint not null, "opens_at" timestamptz not null, "closes_at" timestamptz not null, "review_deadline" timestamptz not null, "reviewers_per_application" smallint not null default 3, "blind_review" boolean not null default true, "rubric" jsonb not null default '[]', "questions" jsonb not null default '[]', "status" "program_status" not null default 'DRAFT', "content_frozen_at" timestamptz null, "version" int not null default 1, "created_at" timestamptz(3) not null default now(), "updated_at" timestamptz not null default now(), constraint "grant_program_pkey" primary key ("id"));`);
    this.addSql(`alter table "grant_program" add constraint "grant_program_slug_unique" unique ("slug");`);
    this.addSql(`create index "grant_program_status_index" on "grant_program" ("status", "closes_at");`);
    this.addSql(`create index "grant_program_organization_index" on "grant_program" ("organization_id", "status");`);

    this.addSql(`create table "grant_program_region" ("program_id" uuid not null, "region_id" uuid not null, constraint "grant_program_region_pkey" primary key ("program_id", "region_id"));`);

    this.addSql(`create table "organization_member" ("organization_id" uuid not null, "account_id" uuid not null, "role" "organization_role" not null, "created_at" timestamptz(3) not null default now(), constraint "organization_member_pkey" primary key ("organization_id", "account_id"));`);
    this.addSql(`create index "organization_member_account_id_index" on "organization_member" ("account_id");`);

    this.addSql(`create table "grant_application" ("id" uuid not null, "program_id" uuid not null, "applicant_id" uuid not null, "region_id" uuid not null, "title" varchar(200) not null, "summary" text not null, "proposal" text not null, "answers" jsonb not null default '{}', "requested_minor" bigint not null, "budget_lines" jsonb not null default '[]', "business_id" uuid null, "status" "application_status" not null default 'DRAFT', "submitted_at" timestamptz(3) null, "withdrawn_at" timestamptz null, "version" int not null default 1, "created_at" timestamptz(3) not null default now(), "updated_at" timestamptz not null default now(), constraint "grant_application_pkey" primary key ("id"));`);
    this.addSql(`create index "grant_application_applicant_id_index" on "grant_application" ("applicant_id");`);
    this.addSql(`create unique index "grant_application_live_unique" on "grant_application" ("program_id", "applicant_id") where "status" <> 'WITHDRAWN';`);
    this.addSql(`create index "grant_application_program_index" on "grant_application" ("program_id", "status", "submitted_at");`);

    this.addSql(`alter table "grant_program" add constraint "grant_program_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "grant_program_region" add constraint "grant_program_region_program_id_foreign" foreign key ("program_id") references "grant_program" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "grant_program_region" add constraint "grant_program_region_region_id_foreign" foreign key ("region_id") references "region" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "organization_member" add constraint "organization_member_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "organization_member" add constraint "organization_member_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "grant_application" add constraint "grant_application_program_id_foreign" foreign key ("program_id") references "grant_program" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "grant_application" add constraint "grant_application_applicant_id_foreign" foreign key ("applicant_id") references "account" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "grant_application" add constraint "grant_application_region_id_foreign" foreign key ("region_id") references "region" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "grant_application" add constraint "grant_application_business_id_foreign" foreign key ("business_id") references "business" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "grant_program" drop constraint "grant_program_organization_id_foreign";`);

    this.addSql(`alter table "organization_member" drop constraint "organization_member_organization_id_foreign";`);

    this.addSql(`alter table "grant_program_region" drop constraint "grant_program_region_program_id_foreign";`);

    this.addSql(`alter table "grant_application" drop constraint "grant_application_program_id_foreign";`);

    this.addSql(`drop table if exists "organization" cascade;`);

    this.addSql(`drop table if exists "grant_program" cascade;`);

    this.addSql(`drop table if exists "grant_program_region" cascade;`);

    this.addSql(`drop table if exists "organization_member" cascade;`);

    this.addSql(`drop table if exists "grant_application" cascade;`);

    this.addSql(`drop type "program_status";`);
    this.addSql(`drop type "organization_role";`);
    this.addSql(`drop type "application_status";`);
  }

}
