import { Migration } from '@mikro-orm/migrations';

export class Migration20261126023730 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "account_role" as enum ('MEMBER', 'ADMIN');`);
    this.addSql(`create type "account_token_purpose" as enum ('VERIFY_EMAIL', 'RESET_PASSWORD');`);
    this.addSql(`create type "session_end_reason" as enum ('LOGOUT', 'LOGOUT_EVERYWHERE', 'REFRESH_TOKEN_REUSE', 'PASSWORD_CHANGED', 'ACCOUNT_DELETED');`);
    this.addSql(`create table "rate_limit_counter" ("key" varchar(300) not null, "hits" int not null, "reset_at" timestamptz not null, constraint "rate_limit_counter_pkey" primary key ("key"));`);
    this.addSql(`create index "rate_limit_counter_reset_at_index" on "rate_limit_counter" ("reset_at");`);

    this.addSql(`create table "account" ("id" uuid not null, "email" varchar(254) null, "email_verified_at" timestamptz null, "password_hash" text null, "display_name" varchar(80) not null, "home_region_id" uuid null, "public_profile" boolean not null default false, "role" "account_role" not null default 'MEMBER', "deleted_at" timestamptz null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "account_pkey" primary key ("id"));`);
    this.addSql(`alter table "account" add constraint "account_email_unique" unique ("email");`);
    this.addSql(`create index "account_home_region_id_index" on "account" ("home_region_id");`);
    this.addSql(`create index "account_public_name_index" on "account" ("display_name", "id") where public_profile and deleted_at is null;`);

    this.addSql(`create table "audit_event" ("id" uuid not null, "actor_id" uuid null, "action" varchar(100) not null, "subject_type" varchar(50) not null, "subject_id" uuid not null, "before" jsonb null, "after" jsonb null, "request_id" varchar(100) null, "created_at" timestamptz(3) not null default now(), constraint "audit_event_pkey" primary key ("id"));`);
    this.addSql(`create index "audit_event_action_index" on "audit_event" ("action", "created_at");`);
    this.addSql(`create index "audit_event_actor_index" on "audit_event" ("actor_id", "created_at");`);
    this.addSql(`create index "audit_event_subject_index" on "audit_event" ("subject_id", "created_at");`);
    this.addSql(`create index "audit_event_created_at_index" on "audit_event" ("created_at", "id");`);

    this.addSql(`create table "account_token" ("id" uuid not null, "account_id" uuid not null, "purpose" "account_token_purpose" not null, "secret_hash" varchar(64) not null, "email" varchar(254) not null, "created_at" timestamptz not null default now(), "expires_at" timestamptz not null, "used_at" timestamptz null, constraint "account_token_pkey" primary key ("id"));`);
    this.addSql(`create index "account_token_account_id_index" on "account_token" ("account_id");`);
    this.addSql(`alter table "account_token" add constraint "account_token_secret_hash_unique" unique ("secret_hash");`);

    this.addSql(`create table "session" ("id" uuid not null, "account_id" uuid not null, "created_at" timestamptz not null default now(), "last_used_at" timestamptz not null default now(), "ended_at" timestamptz null, "end_reason" "session_end_reason" null, "user_agent" varchar(300) null, "ip_address" varchar(64) null, constraint "session_pkey" primary key ("id"));`);
    this.addSql(`create index "session_account_id_index" on "session" ("account_id");`);

    this.addSql(`create table "refresh_token" ("id" uuid not null, "session_id" uuid not null, "secret_hash" varchar(64) not null, "created_at" timestamptz not null default now(), "expires_at" timestamptz not null, "used_at" timestamptz null, constraint "refresh_token_pkey" primary key ("id"));`);
    this.addSql(`create index "refresh_token_session_id_index" on "refresh_token" ("session_id");`);

    this.addSql(`alter table "account" add constraint "account_home_region_id_foreign" foreign key ("home_region_id") references "region" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "audit_event" add constraint "audit_event_actor_id_foreign" foreign key ("actor_id") references "account" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "account_token" add constraint "account_token_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "session" add constraint "session_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "refresh_token" add constraint "refresh_token_session_id_foreign" foreign key ("session_id") references "session" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "audit_event" drop constraint "audit_event_actor_id_foreign";`);

    this.addSql(`alter table "account_token" drop constraint "account_token_account_id_foreign";`);

    this.addSql(`alter table "session" drop constraint "session_account_id_foreign";`);

    this.addSql(`alter table "refresh_token" drop constraint "refresh_token_session_id_foreign";`);

    this.addSql(`drop table if exists "rate_limit_counter" cascade;`);

    this.addSql(`drop table if exists "account" cascade;`);

    this.addSql(`drop table if exists "audit_event" cascade;`);

    this.addSql(`drop table if exists "account_token" cascade;`);

    this.addSql(`drop table if exists "session" cascade;`);

    this.addSql(`drop table if exists "refresh_token" cascade;`);

    this.addSql(`drop type "account_role";`);
    this.addSql(`drop type "account_token_purpose";`);
    this.addSql(`drop type "session_end_reason";`);
  }

}
