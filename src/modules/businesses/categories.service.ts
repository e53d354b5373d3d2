import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { sqlRunner } from '../../core/pagination/paginate';
import { CategoryRecord } from './business.record';

export interface CategoryNode extends CategoryRecord {
  readonly children: CategoryRecord[];
}

/** The category taxonomy. */
@Injectable()
export class CategoriesService {
  constructor(private readonly em: EntityManager) {}

  private readonly run = sqlRunner(this.em);

  async tree(): Promise<CategoryNode[]> {
    const rows = await this.run<CategoryRecord>(
      'SELECT c.id, c.slug, c.name, c.parent_id AS "parentId" FROM category c ORDER BY c.position, c.name',
      [],
    );
    return rows.filter((row) => row.parentId === null).map((top) => ({ ...top, children: rows.filter((row) => row.parentId === top.id) }));
  }
}
