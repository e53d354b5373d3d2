/** Lifecycle of a listing (DESIGN.md §2). */
export enum BusinessStatus {
  DRAFT = 'DRAFT',
  PENDING_REVIEW = 'PENDING_REVIEW',
  PUBLISHED = 'PUBLISHED',
  REJECTED = 'REJECTED',
  SUSPENDED = 'SUSPENDED',
}

/** The moderation steps, and from which statuses each may be taken. */
export const TRANSITIONS = {
  submit: [BusinessStatus.DRAFT, BusinessStatus.REJECTED],
  publish: [BusinessStatus.PENDING_REVIEW],
  reject: [BusinessStatus.PENDING_REVIEW],
  suspend: [BusinessStatus.PUBLISHED],
  reinstate: [BusinessStatus.SUSPENDED],
} as const satisfies Record<string, readonly BusinessStatus[]>;

export type BusinessTransition = keyof typeof TRANSITIONS;

export const TRANSITION_TARGET: Readonly<Record<BusinessTransition, BusinessStatus>> = {
  submit: BusinessStatus.PENDING_REVIEW,
  publish: BusinessStatus.PUBLISHED,
  reject: BusinessStatus.REJECTED,
  suspend: BusinessStatus.SUSPENDED,
  reinstate: BusinessStatus.PUBLISHED,
};

export function canTransition(from: BusinessStatus, transition: BusinessTransition): boolean {
  return (TRANSITIONS[transition] as readonly BusinessStatus[]).includes(from);
}

export const TRANSITION_PAST_TENSE: Readonly<Record<BusinessTransition, string>> = {
  submit: 'submitted',
  publish: 'published',
  reject: 'rejected',
  suspend: 'suspended',
  reinstate: 'reinstated',
};
