import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, PrimaryKey, Property, Ref } from '@mikro-orm/core';

/** A kind of business, in a two-level taxonomy (Food & drink > Bakery). Seeded. */
@Entity({ tableName: 'category' })
export class Category {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ length: 80, unique: true })
  slug!: string;

  @Property({ length: 80 })
  name!: string;

  @ManyToOne(() => Category, { ref: true, nullable: true, deleteRule: 'restrict', index: true })
  parent: Ref<Category> | null = null;

  /** Order among its siblings. */
  @Property({ type: 'smallint', runtimeType: 'number', default: 0 })
  position: number = 0;
}
