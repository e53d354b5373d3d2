import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { EventStatus, GroupEvent } from './event.entity';
import { Rsvp, RsvpStatus } from './rsvp.entity';

/**
 * Places at events. Callers hold the event row's lock (`FOR UPDATE`), so answers to one event are
 * counted one at a time and the capacity holds.
 */

/** Whether one more person can be GOING. */
export async function hasPlace(em: EntityManager, event: GroupEvent): Promise<boolean> {
  if (event.capacity === null) return true;
  return (await em.count(Rsvp, { event, status: RsvpStatus.GOING })) < event.capacity;
}

/** Moves people up from the waitlist, first come first served, while places are free. */
export async function promoteWaitlist(em: EntityManager, event: GroupEvent): Promise<void> {
  const going = await em.count(Rsvp, { event, status: RsvpStatus.GOING });
  const free = event.capacity === null ? Number.MAX_SAFE_INTEGER : event.capacity - going;
  if (free <= 0) return;
  const waiting = await em.find(
    Rsvp,
    { event, status: RsvpStatus.WAITLISTED },
    { orderBy: { respondedAt: 'asc', account: 'asc' }, limit: Math.min(free, 10_000) },
  );
  for (const rsvp of waiting) rsvp.status = RsvpStatus.GOING;
}

/**
 * Gives the places freed at these events (say, by a deleted account or a member who left) to their
 * waitlists. Locks each event in id order, so two callers never wait on each other in a cycle;
 * events that have started or are cancelled are left as they are.
 */
export async function promoteWaitlists(em: EntityManager, eventIds: readonly string[]): Promise<void> {
  await em.flush();
  for (const id of [...new Set(eventIds)].sort()) {
    const event = await em.findOne(GroupEvent, id, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    if (event && event.status === EventStatus.SCHEDULED && event.startsAt > new Date()) await promoteWaitlist(em, event);
  }
}
