/**
 * A process's copy of small, rarely changed reference data (the region tree, the category
 * taxonomy) together with the version of the table it was read at. Statements that rely on the
 * copy read the table's current version back, and the holder reads the data again when they
 * differ. Concurrent reads share one statement, and a slower read of an older version never
 * replaces a newer copy.
 */
export class VersionedCopy<T extends { readonly version: string | null }> {
  private copy: T | undefined;
  private reading: Promise<T> | undefined;

  constructor(private readonly read: () => Promise<T>) {}

  /** The copy as held, read first when there is none. */
  async current(): Promise<T> {
    return this.copy ?? this.reload();
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

/** Whether version `a` is at least as new as `b` (versions count up from 1; null: no version row). */
function newer(a: string | null, b: string | null): boolean {
  return BigInt(a ?? 0) >= BigInt(b ?? 0);
}
