import type { EntityManager } from '@mikro-orm/postgresql';
import { RequestContext } from '../../core/context/request-context';
import { BadUserInputError } from '../../core/errors/domain-errors';
import { RegionsService } from './regions.service';

/** A `region` row as the service selects it. */
function row(id: string, path: string) {
  return {
    id,
    name: id,
    slug: id,
    kind: 'CITY',
    iso_code: null,
    parent_id: null,
    path,
    depth: path.split('/').filter(Boolean).length - 1,
    latitude: null,
    longitude: null,
    time_zone: null,
    version: 1,
    created_at: new Date(0),
    updated_at: new Date(0),
  };
}

/**
 * The database as the service sees it: the regions, the table's version, and a transaction when
 * asked for. Records which kinds of statement ran.
 */
function database(initial: { version: string; regions: ReturnType<typeof row>[] }) {
  const state = { ...initial, inTransaction: false };
  const ran: string[] = [];
  const execute = async (sql: string, params: unknown[] = []) => {
    if (sql.includes('LEFT JOIN region r ON TRUE')) {
      ran.push('tree');
      return state.regions.map((region) => ({ region_tree_version: state.version, ...region }));
    }
    if (sql.includes('AS version FROM region_tree_version')) {
      ran.push('version');
      return [{ version: state.version }];
    }
    if (sql.includes('subtree_of')) {
      ran.push('subtree');
      const [ids] = params as [string[]];
      return ids.flatMap((id) => {
        const root = state.regions.find((region) => region.id === id);
        return root ? state.regions.filter((region) => region.path.startsWith(root.path)).map((r) => ({ ...r, subtree_of: id })) : [];
      });
    }
    throw new Error(`unexpected statement: ${sql}`);
  };
  const em = {
    getConnection: () => ({ execute }),
    getTransactionContext: () => (state.inTransaction ? {} : undefined),
  } as unknown as EntityManager;
  return { state, ran, service: new RegionsService(em) };
}

const ctx = () => RequestContext.system('test');
const ids = (subtree: readonly { id: string }[]) => subtree.map((region) => region.id);

describe('RegionsService.withSubtree', () => {
  const regions = [row('ng', '/ng/'), row('la', '/ng/la/'), row('gh', '/gh/')];

  it('runs the statement once with the subtree from the tree when the version it read is the tree’s', async () => {
    const { ran, service } = database({ version: '1', regions });
    const seen: string[][] = [];
    const result = await service.withSubtree(ctx(), 'ng', 'filter.regionId', async (subtree) => {
      seen.push(ids(subtree));
      return { result: 'page', ran: true, treeVersion: '1' };
    });
    expect(result).toBe('page');
    expect(seen).toEqual([['ng', 'la']]);
    expect(ran).toEqual(['tree']);
  });

  it('reads the tree again and runs the statement again when the statement read a newer version', async () => {
    const { state, ran, service } = database({ version: '1', regions });
    await service.withSubtree(ctx(), 'ng', 'p', async () => ({ result: 0, ran: true, treeVersion: '1' }));
    // Another process moves Lagos under Ghana.
    state.regions = [row('ng', '/ng/'), row('gh', '/gh/'), row('la', '/gh/la/')];
    state.version = '2';
    const seen: string[][] = [];
    await service.withSubtree(ctx(), 'ng', 'p', async (subtree) => {
      seen.push(ids(subtree));
      return { result: 0, ran: true, treeVersion: state.version };
    });
    expect(seen).toEqual([['ng', 'la'], ['ng']]);
    expect(ran).toEqual(['tree', 'tree']);
  });

  it('reads the version when the statement returned no row to read it from', async () => {
    const { ran, service } = database({ version: '1', regions });
    await service.withSubtree(ctx(), 'gh', 'p', async () => ({ result: [], ran: true, treeVersion: undefined }));
    expect(ran).toEqual(['tree', 'version']);
  });

  it('checks nothing when no statement ran', async () => {
    const { ran, service } = database({ version: '1', regions });
    await service.withSubtree(ctx(), 'gh', 'p', async () => ({ result: [], ran: false }));
    expect(ran).toEqual(['tree']);
  });

  it('refuses an unknown region with BAD_USER_INPUT at the path, after one version read, running nothing', async () => {
    const { ran, service } = database({ version: '1', regions });
    const statement = jest.fn();
    const refusal = service.withSubtree(ctx(), 'nowhere', 'filter.regionId', statement);
    await expect(refusal).rejects.toBeInstanceOf(BadUserInputError);
    await expect(refusal).rejects.toMatchObject({ fieldErrors: [{ path: 'filter.regionId' }] });
    expect(statement).not.toHaveBeenCalled();
    expect(ran).toEqual(['tree', 'version']);
  });

  it('finds a region added since the tree was read', async () => {
    const { state, ran, service } = database({ version: '1', regions });
    await service.withSubtree(ctx(), 'ng', 'p', async () => ({ result: 0, ran: true, treeVersion: '1' }));
    state.regions = [...regions, row('ik', '/ng/la/ik/')];
    state.version = '2';
    const seen: string[][] = [];
    await service.withSubtree(ctx(), 'ik', 'p', async (subtree) => {
      seen.push(ids(subtree));
      return { result: 0, ran: true, treeVersion: '2' };
    });
    expect(seen).toEqual([['ik']]);
    expect(ran).toEqual(['tree', 'version', 'tree']);
  });

  it('falls back to reading the subtree in the request after three statements that read another version', async () => {
    const { ran, service } = database({ version: '1', regions });
    let runs = 0;
    const result = await service.withSubtree(ctx(), 'ng', 'p', async (subtree) => {
      runs += 1;
      // A table that changes under every statement.
      return { result: ids(subtree), ran: true, treeVersion: String(100 + runs) };
    });
    expect(runs).toBe(4);
    expect(result).toEqual(['ng', 'la']);
    expect(ran.at(-1)).toBe('subtree');
  });

  it('reads the subtree in the transaction, and checks no version, inside a transaction', async () => {
    const { state, ran, service } = database({ version: '1', regions });
    state.inTransaction = true;
    const result = await service.withSubtree(ctx(), 'ng', 'p', async (subtree) => ({ result: ids(subtree), ran: true, treeVersion: '9' }));
    expect(result).toEqual(['ng', 'la']);
    expect(ran).toEqual(['subtree']);
    await expect(service.withSubtree(ctx(), 'nowhere', 'filter.regionId', jest.fn())).rejects.toMatchObject({
      fieldErrors: [{ path: 'filter.regionId' }],
    });
  });
});
