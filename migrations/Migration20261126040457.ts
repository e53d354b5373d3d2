import { Migration } from '@mikro-orm/migrations';

export class Migration20261126040457 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "business_listed_region_index" on "business" ("region_id") include ("id") where "status" = 'PUBLISHED' and "deleted_at" is null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "business_listed_region_index";`);
  }

}
