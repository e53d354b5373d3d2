import { Entity, Index, ManyToOne, PrimaryKeyProp, Ref } from '@mikro-orm/core';
import { Business } from './business.entity';
import { Category } from './category.entity';

/** A listing in a category. Indexed from the category side: listings are filtered by category. */
@Entity({ tableName: 'business_category' })
@Index({ name: 'business_category_category_index', properties: ['category', 'business'] })
export class BusinessCategory {
  [PrimaryKeyProp]?: ['business', 'category'];

  @ManyToOne(() => Business, { primary: true, ref: true, deleteRule: 'cascade' })
  business!: Ref<Business>;

  @ManyToOne(() => Category, { primary: true, ref: true, deleteRule: 'cascade' })
  category!: Ref<Category>;
}
