import { Field, ObjectType } from '@nestjs/graphql';
import type { ClaimRecord } from '../claims.resolver';
import { BusinessClaimType } from './business.types';

@ObjectType({ description: 'The claim, waiting for an admin.' })
export class ClaimBusinessPayload {
  @Field(() => BusinessClaimType, { description: 'The claim.' })
  claim!: ClaimRecord;
}

@ObjectType({ description: 'The claim, approved: its claimant now owns the listing.' })
export class ApproveClaimPayload {
  @Field(() => BusinessClaimType, { description: 'The claim.' })
  claim!: ClaimRecord;
}

@ObjectType({ description: 'The claim, rejected.' })
export class RejectClaimPayload {
  @Field(() => BusinessClaimType, { description: 'The claim.' })
  claim!: ClaimRecord;
}
