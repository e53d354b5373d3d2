import { Migration } from '@mikro-orm/migrations';

export class Migration20261126021255 extends Migration {

  override async up(): Promise<void> {
    // Accent-insensitive search ("Sao Paulo" finds "São Paulo"); ships with PostgreSQL's contrib.
    this.addSql(`create extension if not exists "unaccent";`);
    this.addSql(`create type "region_kind" as enum ('COUNTRY', 'STATE', 'CITY', 'NEIGHBOURHOOD');`);
    this.addSql(`create table "region" ("id" uuid not null, "name" varchar(120) not null, "slug" varchar(160) not null, "kind" "region_kind" not null, "iso_code" varchar(6) null, "parent_id" uuid null, "path" text not null, "depth" smallint not null, "latitude" double precision null, "longitude" double precision null, "time_zone" varchar(64) null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "region_pkey" primary key ("id"), constraint region_centroid_check check ((latitude is null) = (longitude is null)), constraint region_longitude_check check (abs(longitude) <= 180::double precision), constraint region_latitude_check check (abs(latitude) <= 90::double precision));`);
    this.addSql(`alter table "region" add constraint "region_slug_unique" unique ("slug");`);
    this.addSql(`alter table "region" add constraint "region_iso_code_unique" unique ("iso_code");`);
    this.addSql(`create index "region_parent_id_index" on "region" ("parent_id");`);
    this.addSql(`create index "region_path_index" on "region" ("path" text_pattern_ops);`);

    this.addSql(`alter table "region" add constraint "region_parent_id_foreign" foreign key ("parent_id") references "region" ("id") on update cascade on delete restrict;`);
  }

}
