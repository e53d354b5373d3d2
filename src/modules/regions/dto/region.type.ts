import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { RegionKind } from '../region-kind';

registerEnumType(RegionKind, {
  name: 'RegionKind',
  description: 'Level of a region in the tree.',
  valuesMap: {
    COUNTRY: { description: 'A country (the top of the tree), with its ISO 3166-1 alpha-2 code.' },
    STATE: { description: 'A state, province, county or parish, with its ISO 3166-2 code where one exists.' },
    CITY: { description: 'A city or town.' },
    NEIGHBOURHOOD: { description: 'A neighbourhood, district or borough of a city.' },
  },
});

@ObjectType({ description: 'A point on Earth (WGS 84).' })
export class GeoPoint {
  @Field(() => Float, { description: 'Latitude in degrees, -90 to 90.' })
  lat!: number;

  @Field(() => Float, { description: 'Longitude in degrees, -180 to 180.' })
  lng!: number;
}

@ObjectType('Region', {
  description:
    'A place in the tree country > state > city > neighbourhood. Every listing belongs to one, and every filter by region includes the regions below it.',
})
export class RegionType {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id!: string;

  @Field(() => String, { description: 'Name in its usual English form, e.g. "Lagos".' })
  name!: string;

  @Field(() => String, { description: 'Unique, URL-friendly name, e.g. "lagos-ng".' })
  slug!: string;

  @Field(() => RegionKind, { description: 'Level in the tree.' })
  kind!: RegionKind;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 (countries) or ISO 3166-2 (states) code, e.g. "NG" or "NG-LA".' })
  isoCode!: string | null;

  @Field(() => Int, { description: 'Distance from the top of the tree: 0 for a country.' })
  depth!: number;

  @Field(() => Int, { description: 'Version for optimistic locking: pass it as `expectedVersion` to refuse an edit based on stale data.' })
  version!: number;

  @Field(() => Date, { description: 'When the region was added.' })
  createdAt!: Date;

  @Field(() => Date, { description: 'When the region last changed.' })
  updatedAt!: Date;
}
