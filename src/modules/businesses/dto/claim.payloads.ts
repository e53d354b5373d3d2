import { PayloadType } from '../../../core/graphql/payload.type';
import { BusinessClaimType } from './business.types';

const claimPayload = (name: string, description: string) =>
  PayloadType(name, description, 'claim', () => BusinessClaimType, { fieldDescription: 'The claim.' });

export const ClaimBusinessPayload = claimPayload('ClaimBusinessPayload', 'The claim, waiting for an admin.');
export const ApproveClaimPayload = claimPayload('ApproveClaimPayload', 'The claim, approved: its claimant now owns the listing.');
export const RejectClaimPayload = claimPayload('RejectClaimPayload', 'The claim, rejected.');
