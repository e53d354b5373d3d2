import { Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AdminOnly, Public, SignedIn } from './access.decorators';
import { accessRuleProblems } from './access-rules.check';

@Resolver()
class Ruled {
  @Public()
  @Query(() => String)
  open(): string {
    return '';
  }

  @AdminOnly()
  @Mutation(() => String)
  close(): string {
    return '';
  }

  @ResolveField(() => String)
  plainField(): string {
    return '';
  }
}

@SignedIn()
@Resolver()
class RuledByClass {
  @Query(() => String)
  mine(): string {
    return '';
  }
}

@Resolver()
class Unruled {
  @Query(() => String)
  forgotten(): string {
    return '';
  }

  @Mutation(() => String)
  alsoForgotten(): string {
    return '';
  }

  @AdminOnly()
  @ResolveField(() => String)
  guardedField(): string {
    return '';
  }
}

describe('accessRuleProblems', () => {
  it('accepts operations with a rule on the method or the class, and fields without one', () => {
    expect(accessRuleProblems([new Ruled(), new RuledByClass(), undefined, null, 'text', {}])).toEqual([]);
  });

  it('names every operation without a rule, and every field resolver with one', () => {
    expect(accessRuleProblems([new Unruled()])).toEqual([
      'Unruled.forgotten: a query without an access rule (@Public, @SignedIn or @AdminOnly)',
      'Unruled.alsoForgotten: a mutation without an access rule (@Public, @SignedIn or @AdminOnly)',
      'Unruled.guardedField: a field resolver takes fieldAccess, not an access rule',
    ]);
  });
});
