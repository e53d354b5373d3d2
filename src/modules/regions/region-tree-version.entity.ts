import { Check, Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * One row whose `version` a trigger on `region` bumps with every change of the region table (see
 * the migration that adds it). Processes keep the region tree in memory and check this version in
 * the statements that rely on it (`RegionTree`). Never written by the application.
 */
@Entity({ tableName: 'region_tree_version' })
@Check({ name: 'region_tree_version_single_row_check', expression: 'id = 1' })
export class RegionTreeVersion {
  @PrimaryKey({ type: 'smallint', autoincrement: false })
  id: number = 1;

  @Property({ type: 'bigint', default: 1 })
  version!: string;
}
