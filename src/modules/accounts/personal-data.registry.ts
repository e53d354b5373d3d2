import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { RequestContext } from '../../core/context/request-context';
import { Account } from './account.entity';

/**
 * A module's share of a member's personal data. Every module that stores personal data registers
 * one (in `onModuleInit`), so `exportMyData` and `deleteAccount` cover it (DESIGN.md §2).
 */
export interface PersonalDataContributor {
  /** Key of this module's section in the export, e.g. `businesses`. */
  readonly section: string;
  /** Everything this module stores about the account, as plain JSON. */
  export(em: EntityManager, account: Account): Promise<unknown>;
  /**
   * Why the account cannot be deleted yet (e.g. it is the last owner of something that needs one),
   * or undefined. Checked before anything is erased.
   */
  blockDeletion?(em: EntityManager, account: Account): Promise<string | undefined>;
  /**
   * Removes or anonymises this module's personal data, in the deletion's transaction. `ctx` is the
   * deleting request's, for the audit events of what the erasure changes (e.g. staff roles).
   */
  erase(em: EntityManager, account: Account, ctx: RequestContext): Promise<void>;
}

@Injectable()
export class PersonalDataRegistry {
  private readonly contributors: PersonalDataContributor[] = [];

  register(contributor: PersonalDataContributor): void {
    if (this.contributors.some((existing) => existing.section === contributor.section)) {
      throw new Error(`personal data section ${contributor.section} registered twice`);
    }
    this.contributors.push(contributor);
  }

  all(): readonly PersonalDataContributor[] {
    return this.contributors;
  }
}
