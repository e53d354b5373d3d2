import { ArgsType, Field, ID, InputType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsOptional, IsString, IsUUID, Length, MaxLength, ValidateNested } from 'class-validator';
import { ConnectionArgs } from '../../../core/pagination/connection.args';
import { RegionKind } from '../region-kind';

export enum RegionOrder {
  HIERARCHY = 'HIERARCHY',
  NAME = 'NAME',
}

registerEnumType(RegionOrder, {
  name: 'RegionOrder',
  description: 'Order of a list of regions.',
  valuesMap: {
    HIERARCHY: { description: 'Higher levels first (countries before states before cities), then by name.' },
    NAME: { description: 'By name, A to Z.' },
  },
});

@InputType({ description: 'Conditions a region must meet to be listed; all given conditions apply.' })
export class RegionFilter {
  @Field(() => ID, { nullable: true, description: 'Only the direct children of this region.' })
  @IsOptional()
  @IsUUID()
  parentId?: string;

  @Field(() => RegionKind, { nullable: true, description: 'Only regions of this level.' })
  @IsOptional()
  @IsEnum(RegionKind)
  kind?: RegionKind;

  @Field(() => String, { nullable: true, description: 'Name, slug or ISO code contains this text (case and accents ignored).' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  text?: string;

  @Field(() => ID, { nullable: true, description: 'Only regions within this region: the region itself and everything below it.' })
  @IsOptional()
  @IsUUID()
  regionId?: string;
}

@ArgsType()
export class RegionsArgs extends ConnectionArgs {
  @Field(() => RegionFilter, { nullable: true, description: 'Conditions on the regions listed.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => RegionFilter)
  filter?: RegionFilter;

  @Field(() => RegionOrder, { defaultValue: RegionOrder.HIERARCHY, description: 'Order of the list.' })
  @IsEnum(RegionOrder)
  orderBy: RegionOrder = RegionOrder.HIERARCHY;
}

@ArgsType()
export class RegionChildrenArgs extends ConnectionArgs {
  @Field(() => RegionOrder, { defaultValue: RegionOrder.NAME, description: 'Order of the list.' })
  @IsEnum(RegionOrder)
  orderBy: RegionOrder = RegionOrder.NAME;
}

@ArgsType()
export class RegionLookupArgs {
  @Field(() => ID, { nullable: true, description: "The region's id. Give either `id` or `slug`." })
  @IsOptional()
  @IsUUID()
  id?: string;

  @Field(() => String, { nullable: true, description: "The region's slug. Give either `id` or `slug`." })
  @IsOptional()
  @IsString()
  @MaxLength(160)
  slug?: string;
}
