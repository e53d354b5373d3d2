import { ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '../../../core/pagination/connection.types';
import { RegionType } from './region.type';

@ObjectType({ description: 'A page of regions.' })
export class RegionConnection extends ConnectionType(RegionType, 'Region') {}
