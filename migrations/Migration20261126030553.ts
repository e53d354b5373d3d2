import { Migration } from '@mikro-orm/migrations';

/**
 * What the business directory needs before its tables: trigram similarity (typo-tolerant search,
 * duplicate detection), earth distances (near-me search), an immutable accent-folding function for
 * the generated search vector, and the SQL twin of isOpenAt (src/modules/businesses/opening-hours.ts)
 * for the "open now" filter. Written by hand; the tables follow in the next, generated, migration.
 */
export class Migration20261126030553 extends Migration {
  override async up(): Promise<void> {
    this.addSql('create extension if not exists "pg_trgm";');
    this.addSql('create extension if not exists "cube";');
    this.addSql('create extension if not exists "earthdistance";');
    // unaccent() is only stable (its dictionary could change); pinning the dictionary makes this
    // wrapper safe to declare immutable, which generated columns and expression indexes require.
    this.addSql(
      "create or replace function hometown_unaccent(text) returns text language sql immutable parallel safe strict as $$ select public.unaccent('public.unaccent'::regdictionary, $1) $$;",
    );
    // array_to_string() is only stable in general; for text[] it cannot change.
    this.addSql(
      "create or replace function hometown_tags_text(text[]) returns text language sql immutable parallel safe strict as $$ select array_to_string($1, ' ') $$;",
    );
    this.addSql(`create or replace function hometown_is_open_at(hours jsonb, tz text, at timestamptz)
returns boolean
language sql
stable
parallel safe
as $$
  select jsonb_path_exists(
    case when jsonb_typeof(hours) = 'array' then hours else '[]'::jsonb end,
    'strict $[*] ? (
       ((@.day == $day && @.opens <= $time && (@.closes <= @.opens || $time < @.closes)) ||
        (@.day == $previous_day && @.closes <= @.opens && $time < @.closes)) &&
       @.opens like_regex "^([01][0-9]|2[0-3]):[0-5][0-9]$" &&
       @.closes like_regex "^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$" &&
       @.closes != "00:00" &&
       @.opens != @.closes)',
    jsonb_build_object(
      'day', (array['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'])[extract(isodow from at at time zone tz)::int],
      'previous_day', (array['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'])[extract(isodow from at at time zone tz)::int],
      'time', to_char(at at time zone tz, 'HH24:MI')
    )
  )
$$;`);
  }

  override async down(): Promise<void> {
    this.addSql('drop function if exists hometown_is_open_at(jsonb, text, timestamptz);');
    this.addSql('drop function if exists hometown_tags_text(text[]);');
    this.addSql('drop function if exists hometown_unaccent(text);');
    this.addSql('drop extension if exists "earthdistance";');
    this.addSql('drop extension if exists "cube";');
    this.addSql('drop extension if exists "pg_trgm";');
  }
}
