import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { readVersion, VersionedCopy, versionColumn } from '../../core/cache/versioned-copy';
import { sqlRunner } from '../../core/pagination/paginate';
import { CategoryRecord } from './business.record';

export interface CategoryNode extends CategoryRecord {
  readonly children: CategoryRecord[];
}

/**
 * The taxonomy's current version (`category_version`), as a column of a statement whose category
 * ids the process names from its copy of the taxonomy ({@link CategoriesService.named}).
 */
export const CATEGORY_VERSION_COLUMN = versionColumn('category_version');

/** The taxonomy as of one version of the category table, in display order. */
export class CategoryCatalogue {
  private readonly byId = new Map<string, { record: CategoryRecord; rank: number }>();

  constructor(
    /** `category_version.version` as read with these categories; null when the table has no row. */
    readonly version: string | null,
    /** Every category, in display order (position, then name). */
    ordered: readonly CategoryRecord[],
  ) {
    ordered.forEach((record, rank) => this.byId.set(record.id, { record, rank }));
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** The ids it knows among `ids`, and the ids of their children: what a filter by those categories matches. */
  withChildren(ids: readonly string[]): string[] {
    const wanted = new Set(ids);
    return [...this.byId.values()]
      .map(({ record }) => record)
      .filter((record) => wanted.has(record.id) || (record.parentId !== null && wanted.has(record.parentId)))
      .map((record) => record.id);
  }

  /** The categories with these ids, in display order; ids it does not know are left out. */
  named(ids: readonly string[]): CategoryRecord[] {
    return ids
      .map((id) => this.byId.get(id))
      .filter((entry) => entry !== undefined)
      .sort((a, b) => a.rank - b.rank)
      .map((entry) => entry.record);
  }
}

/** The category taxonomy. */
@Injectable()
export class CategoriesService {
  constructor(private readonly em: EntityManager) {}

  private readonly run = sqlRunner(this.em);

  /** The taxonomy as last read, shared by every request of this process. */
  private readonly catalogue = new VersionedCopy(
    () => this.readCatalogue(),
    () => readVersion(this.em, 'category_version'),
  );

  async tree(): Promise<CategoryNode[]> {
    const rows = await this.run<CategoryRecord>(
      'SELECT c.id, c.slug, c.name, c.parent_id AS "parentId" FROM category c ORDER BY c.position, c.name',
      [],
    );
    return rows.filter((row) => row.parentId === null).map((top) => ({ ...top, children: rows.filter((row) => row.parentId === top.id) }));
  }

  /** The process's copy of the taxonomy (read first when there is none). */
  taxonomy(): Promise<CategoryCatalogue> {
    return this.catalogue.current();
  }

  /** A copy of the taxonomy of `version` (what a statement read): the one held, or read again. */
  taxonomyAt(version: string | null): Promise<CategoryCatalogue> {
    return this.catalogue.at(version);
  }

  /** The taxonomy's current version, for a statement that returned no row to read it from. */
  readVersion(): Promise<string | null> {
    return this.catalogue.readVersion();
  }

  /**
   * Names lists of category ids read by one statement that also selected
   * {@link CATEGORY_VERSION_COLUMN} (`version`): from the process's copy of the taxonomy, read
   * again first when it is not of that version or lacks one of the ids. Each list comes back in
   * display order.
   */
  async named(lists: readonly (readonly string[])[], version: string | null): Promise<CategoryRecord[][]> {
    let catalogue = await this.catalogue.current();
    if (catalogue.version !== version || lists.some((ids) => ids.some((id) => !catalogue.has(id))))
      catalogue = await this.catalogue.reload();
    return lists.map((ids) => catalogue.named(ids));
  }

  /** The taxonomy and its version, in one statement outside any transaction (the copy is shared). */
  private async readCatalogue(): Promise<CategoryCatalogue> {
    const rows = await this.em.getConnection().execute<Record<string, unknown>[]>(
      `SELECT v.category_version, c.id, c.slug, c.name, c.parent_id AS "parentId"
       FROM (SELECT ${CATEGORY_VERSION_COLUMN}) v LEFT JOIN category c ON TRUE
       ORDER BY c.position, c.name`,
    );
    const version = (rows[0]?.category_version as string | null | undefined) ?? null;
    const records = rows
      .filter((row) => row.id !== null)
      .map((row) => ({ id: row.id, slug: row.slug, name: row.name, parentId: row.parentId }) as CategoryRecord);
    return new CategoryCatalogue(version, records);
  }
}
