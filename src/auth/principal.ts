/**
 * Who is calling: the subject of a verified API key or token, the seed and importers (`system`), or
 * nobody (`anonymous`). Resolvers and services read it from the GraphQL context; the audit trail records
 * its `name` and `role` on every change.
 */
export interface Principal {
  /** The key's name, the token's subject, `system` or `anonymous`. */
  readonly name: string;
  /** The role granted; `null` for an anonymous caller. */
  readonly role: Role | null;
  /** How the caller was identified. */
  readonly via: 'api-key' | 'jwt' | 'system' | 'anonymous';
}

/** The roles in ascending order of what they allow (the GraphQL `Role` enum). */
export const ROLES = ['VIEWER', 'EDITOR', 'ADMIN'] as const;

/** A role of {@link ROLES}. */
export type Role = (typeof ROLES)[number];

/** A caller that sent no credentials. */
export const ANONYMOUS: Principal = { name: 'anonymous', role: null, via: 'anonymous' };

/** The seed and the importers: writes made by the project itself, recorded in the audit trail as such. */
export const SYSTEM: Principal = { name: 'system', role: 'ADMIN', via: 'system' };

/** True when `principal` holds `needed` or a higher role. */
export function hasRole(principal: Principal, needed: Role): boolean {
  return principal.role !== null && ROLES.indexOf(principal.role) >= ROLES.indexOf(needed);
}
