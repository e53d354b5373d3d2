import { Region } from '../modules/regions/region.entity';

/** Every entity, listed explicitly so discovery is the same from TypeScript sources and compiled code. */
export const ENTITIES = [Region];
