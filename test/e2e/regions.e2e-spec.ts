import { createTestApp, TestApp } from '../utils/test-app';

describe('regions (smoke)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers', async () => {
    const res = await t.gql('{ regions(first: 2) { totalCount edges { node { name } } } }');
    expect(res.errors).toBeUndefined();
  });
});
