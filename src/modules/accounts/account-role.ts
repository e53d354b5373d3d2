/** Platform roles. Every account is a member; admins also moderate and administer. */
export enum AccountRole {
  MEMBER = 'MEMBER',
  ADMIN = 'ADMIN',
}
