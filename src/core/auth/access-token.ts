import jwt from 'jsonwebtoken';

/** Access tokens live 15 minutes; a refresh token gets the next one. */
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
const ALGORITHM = 'HS256';
const ISSUER = 'hometown';
const AUDIENCE = 'hometown-api';

export interface AccessTokenClaims {
  /** Account id. */
  readonly sub: string;
  /** Session id: ending the session ends its access tokens at once. */
  readonly sid: string;
}

export interface SignedAccessToken {
  readonly token: string;
  readonly expiresAt: Date;
}

export function signAccessToken(secret: string, claims: AccessTokenClaims, now = new Date()): SignedAccessToken {
  const issuedAt = Math.floor(now.getTime() / 1000);
  const token = jwt.sign({ sid: claims.sid, iat: issuedAt }, secret, {
    algorithm: ALGORITHM,
    subject: claims.sub,
    issuer: ISSUER,
    audience: AUDIENCE,
    expiresIn: ACCESS_TOKEN_TTL_SECONDS,
  });
  return { token, expiresAt: new Date((issuedAt + ACCESS_TOKEN_TTL_SECONDS) * 1000) };
}

/**
 * The claims of a valid token, or `undefined` for anything else: another algorithm (`none`
 * included — the algorithm is pinned), another secret, expired, tampered or malformed.
 */
export function verifyAccessToken(secret: string, token: string, now = new Date()): AccessTokenClaims | undefined {
  try {
    const payload = jwt.verify(token, secret, {
      algorithms: [ALGORITHM],
      issuer: ISSUER,
      audience: AUDIENCE,
      clockTimestamp: Math.floor(now.getTime() / 1000),
    });
    if (typeof payload !== 'object' || !isUuid(payload.sub) || !isUuid(payload.sid)) return undefined;
    return { sub: payload.sub, sid: payload.sid };
  } catch {
    return undefined;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
