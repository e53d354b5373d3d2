import { createTestApp, TestApp } from '../../utils/test-app';
describe('scratch', () => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(); });
  afterAll(() => t.close());
  it('probes', async () => {
    const c = t.em().getConnection();
    const q = async (sql: string) => console.log(sql, JSON.stringify(await c.execute(sql)));
    await q(`select datcollate, datctype from pg_database where datname = current_database()`);
    await q(`select word_similarity('bakry', 'Bakery') a, word_similarity('bakry', 'Mama Bakery House') b, hometown_unaccent('bakry') <% hometown_unaccent('Mama Bakery') c, show_limit()`);
    await q(`select current_setting('pg_trgm.word_similarity_threshold') t`);
    await q(`select word_similarity('braiding -weave', 'Amaka Braiding') a, word_similarity('"fresh bread" -gluten', 'Fresh Bread House') b`);
    await q(`select websearch_to_tsquery('simple', '"fresh bread" -gluten') a, to_tsvector('simple', 'fresh-bread jollof') b`);
    await q(`select hometown_unaccent('Café Crème') a, 'B' < 'a' as cmp, 'Ade Bakery' < 'Adebayo' as c2`);
    await q(`select version()`);
  });
});
