import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { RESOLVER_PROPERTY_METADATA, RESOLVER_TYPE_METADATA } from '@nestjs/graphql';
import { ACCESS_RULE } from './access.decorators';

/**
 * Refuses to start an app whose access rules would not be enforced as written: a query or
 * mutation without a rule (the guard would refuse it at every call), or a rule on a field
 * resolver (guards do not run there: such fields use `fieldAccess`).
 */
@Injectable()
export class AccessRulesCheck implements OnModuleInit {
  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    const problems = accessRuleProblems(this.discovery.getProviders().map((wrapper) => wrapper.instance as unknown));
    if (problems.length) throw new Error(`Access rules:\n  ${problems.join('\n  ')}`);
  }
}

/** What is wrong with the access rules of these (resolver) instances; empty when nothing is. */
export function accessRuleProblems(instances: readonly unknown[]): string[] {
  const scanner = new MetadataScanner();
  const problems: string[] = [];
  for (const instance of instances) {
    if (!instance || typeof instance !== 'object') continue;
    const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
    const type = instance.constructor as { name: string };
    for (const name of scanner.getAllMethodNames(prototype)) {
      const method = prototype[name] as object;
      const operation = Reflect.getMetadata(RESOLVER_TYPE_METADATA, method) as string | undefined;
      const rule: unknown = Reflect.getMetadata(ACCESS_RULE, method) ?? Reflect.getMetadata(ACCESS_RULE, type);
      if (Reflect.getMetadata(RESOLVER_PROPERTY_METADATA, method)) {
        if (Reflect.getMetadata(ACCESS_RULE, method))
          problems.push(`${type.name}.${name}: a field resolver takes fieldAccess, not an access rule`);
      } else if ((operation === 'Query' || operation === 'Mutation') && !rule) {
        problems.push(`${type.name}.${name}: a ${operation.toLowerCase()} without an access rule (@Public, @SignedIn or @AdminOnly)`);
      }
    }
  }
  return problems;
}
