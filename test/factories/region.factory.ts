import { randomBytes } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { RegionKind } from '../../src/modules/regions/region-kind';
import { Region, RegionProps } from '../../src/modules/regions/region.entity';

const KIND_BELOW: Partial<Record<RegionKind, RegionKind>> = {
  [RegionKind.COUNTRY]: RegionKind.STATE,
  [RegionKind.STATE]: RegionKind.CITY,
  [RegionKind.CITY]: RegionKind.NEIGHBOURHOOD,
};

/** Builds and stores a region; the kind defaults to one level below the parent (a country at the top). */
export async function createRegion(em: EntityManager, props: Partial<RegionProps> = {}): Promise<Region> {
  const suffix = randomBytes(4).toString('hex');
  const kind = props.kind ?? (props.parent ? KIND_BELOW[props.parent.kind]! : RegionKind.COUNTRY);
  const region = new Region({ name: `Region ${suffix}`, slug: `region-${suffix}`, kind, latitude: 1, longitude: 2, ...props });
  await em.persist(region).flush();
  return region;
}
