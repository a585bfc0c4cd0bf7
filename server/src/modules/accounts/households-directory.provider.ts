import type { Provider } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { HouseholdsService } from '../households/households.service.js';
import { BoundMember, HouseholdDirectory } from './household-directory.js';

/** HouseholdDirectory on top of the households module's exported service. */
export const householdDirectoryProvider: Provider = {
  provide: HouseholdDirectory,
  inject: [HouseholdsService],
  useFactory: (households: HouseholdsService): HouseholdDirectory => ({
    findMemberForBinding: (manager: EntityManager, name: string, idNumber: string): Promise<BoundMember | null> =>
      households.findMemberForBinding(manager, name, idNumber),
    describeMember: (manager: EntityManager | null, householdId: string, memberId: string): Promise<BoundMember | null> =>
      households.describeMemberForBinding(manager, householdId, memberId),
    householdPhone: (manager: EntityManager | null, householdId: string, memberId: string) =>
      households.householdPhoneOfMember(manager, householdId, memberId),
  }),
};
