import { Check, Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * One row whose `version` a trigger on `category` bumps with every change of the taxonomy. Listings
 * are read with their category ids and the process names them from its copy of the taxonomy
 * (`CategoriesService`), which this version keeps current. Never written by the application.
 */
@Entity({ tableName: 'category_version' })
@Check({ name: 'category_version_single_row_check', expression: 'id = 1' })
export class CategoryVersion {
  @PrimaryKey({ type: 'smallint', autoincrement: false })
  id: number = 1;

  @Property({ type: 'bigint', default: 1 })
  version!: string;
}
