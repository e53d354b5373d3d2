import { VersionedCopy } from './versioned-copy';

describe('VersionedCopy', () => {
  it('reads once for concurrent callers, and keeps the copy until asked to read again', async () => {
    let reads = 0;
    const copy = new VersionedCopy(
      async () => ({ version: String(++reads) }),
      async () => null,
    );
    const [a, b] = await Promise.all([copy.current(), copy.current()]);
    expect(a).toBe(b);
    expect(reads).toBe(1);
    expect(await copy.current()).toBe(a);
    expect((await copy.reload()).version).toBe('2');
    expect((await copy.current()).version).toBe('2');
  });

  it('never replaces a newer copy with an older one read more slowly', async () => {
    const versions = ['5', '4'];
    const copy = new VersionedCopy(
      async () => ({ version: versions.shift()! }),
      async () => null,
    );
    expect((await copy.reload()).version).toBe('5');
    // The second read returns an older version (it started before a change committed elsewhere).
    expect((await copy.reload()).version).toBe('4');
    expect((await copy.current()).version).toBe('5');
  });

  it('answers `at` with the copy held when it is of that version, and reads again when not', async () => {
    let reads = 0;
    const copy = new VersionedCopy(
      async () => ({ version: String(++reads) }),
      async () => String(reads),
    );
    const first = await copy.current();
    expect(await copy.at('1')).toBe(first);
    expect(reads).toBe(1);
    expect((await copy.at('2')).version).toBe('2');
    expect(reads).toBe(2);
    expect(await copy.readVersion()).toBe('2');
  });

  it('reads again when the read `at` joined turns out older than the version asked for', async () => {
    const versions = ['1', '1', '2'];
    const copy = new VersionedCopy(
      async () => ({ version: versions.shift()! }),
      async () => null,
    );
    await copy.current();
    // The table is at version 2, but the first read again still returns 1 (it started earlier).
    expect((await copy.at('2')).version).toBe('2');
    expect(versions).toEqual([]);
  });

  it('treats a missing version row as the oldest', async () => {
    const versions: (string | null)[] = [null, '1'];
    const copy = new VersionedCopy(
      async () => ({ version: versions.shift()! }),
      async () => null,
    );
    await copy.reload();
    await copy.reload();
    expect((await copy.current()).version).toBe('1');
  });
});
