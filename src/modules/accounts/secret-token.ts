import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random secret for a link or a refresh token, and the hash that is stored instead of it. */
export function newSecret(): { secret: string; hash: string } {
  const secret = randomBytes(32).toString('base64url');
  return { secret, hash: hashSecret(secret) };
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const given = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}

/** Refresh tokens travel as `<row id>.<secret>`: the row is found by id, the secret checked by hash. */
export function formatRefreshToken(id: string, secret: string): string {
  return `${id}.${secret}`;
}

export function parseRefreshToken(token: string): { id: string; secret: string } | undefined {
  const match = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([\w-]{43})$/.exec(token);
  return match ? { id: match[1], secret: match[2] } : undefined;
}
