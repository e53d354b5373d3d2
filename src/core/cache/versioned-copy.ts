import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * A process's copy of small, rarely changed reference data (the region tree, the category
 * taxonomy) together with the version of the table it was read at: a one-row table whose
 * `version` a statement trigger bumps on every change. Statements that rely on the copy select
 * {@link versionColumn} and hand what they read to {@link at}, which reads the data again when the
 * copy is older. Concurrent reads share one statement, and a slower read of an older version never
 * replaces a newer copy.
 */
export class VersionedCopy<T extends { readonly version: string | null }> {
  private copy: T | undefined;
  private reading: Promise<T> | undefined;

  constructor(
    private readonly read: () => Promise<T>,
    /** The table's current version (null without a row). */
    readonly readVersion: () => Promise<string | null>,
  ) {}

  /** The copy as held, read first when there is none. */
  async current(): Promise<T> {
    return this.copy ?? this.reload();
  }

  /**
   * A copy of `version` (what a statement read): the one held when it is of that version, else
   * read again — twice when the read it joined had started before that version was committed.
   */
  async at(version: string | null): Promise<T> {
    const held = await this.current();
    if (held.version === version) return held;
    const copy = await this.reload();
    return newer(copy.version, version) ? copy : this.reload();
  }

  /** Reads the data again (or joins a read under way). */
  reload(): Promise<T> {
    this.reading ??= this.read()
      .then((copy) => {
        if (!this.copy || newer(copy.version, this.copy.version)) this.copy = copy;
        return copy;
      })
      .finally(() => (this.reading = undefined));
    return this.reading;
  }
}

/** `(SELECT version::text FROM <table>) AS <table>`: a version table's current version as a column of a statement. */
export function versionColumn(table: string): string {
  return `(SELECT version::text FROM ${table}) AS ${table}`;
}

/** Reads a version table's current version, outside any transaction. */
export async function readVersion(em: EntityManager, table: string): Promise<string | null> {
  const [row] = await em.getConnection().execute<{ version: string }[]>(`SELECT version::text AS version FROM ${table}`);
  return row?.version ?? null;
}

/** Whether version `a` is at least as new as `b` (versions count up from 1; null: no version row). */
function newer(a: string | null, b: string | null): boolean {
  return BigInt(a ?? 0) >= BigInt(b ?? 0);
}
