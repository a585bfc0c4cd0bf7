import type { EntityManager } from 'typeorm';

/** What binding and GET /me need to know about a member and their household. */
export interface BoundMember {
  householdId: string;
  householdNumber: string;
  memberId: string;
  /** the plain name (masked by the me mapper) */
  memberName: string;
  /** the household's region: its grid (15 digits) */
  regionCode: string;
}

/**
 * The accounts module's view of the registry, provided in AccountsModule on top of the households module's
 * exported HouseholdsService (a module reaches another only through its exported service).
 */
export abstract class HouseholdDirectory {
  /** The member with exactly this ID number (keyed hash) whose name matches, or null. */
  abstract findMemberForBinding(manager: EntityManager, name: string, idNumber: string): Promise<BoundMember | null>;
  /** The member still in the registry under that household, or null (deleted, moved). */
  abstract describeMember(manager: EntityManager | null, householdId: string, memberId: string): Promise<BoundMember | null>;
  /** The decrypted phone of the member's household (null if it has none), or null when the member is gone. */
  abstract householdPhone(
    manager: EntityManager | null,
    householdId: string,
    memberId: string,
  ): Promise<{ phone: string | null; regionCode: string } | null>;
}
