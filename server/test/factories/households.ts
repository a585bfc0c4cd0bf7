// Registry fixtures for integration tests: grids, valid ID numbers, households through the API.
import { computeResidentIdCheckDigit, HouseholdType, Relation } from '@jiuzhu/shared';
import { RegionsService } from '../../src/modules/regions/regions.service.js';
import type { TestApp } from '../helpers/test-app.js';

let sequence = Math.floor(Math.random() * 500);

/**
 * A resident ID number with a valid check digit, different on every call in a test file.
 * `sex` sets the 17th digit (odd male, even female).
 */
export function residentId(options: { county?: string; birth?: string; sex?: 'MALE' | 'FEMALE' } = {}): string {
  sequence = (sequence + 1) % 500;
  const order = sequence * 2 + (options.sex === 'FEMALE' ? 0 : 1);
  const first17 = `${options.county ?? '530129'}${options.birth ?? '19800101'}${String(order).padStart(3, '0')}`;
  return first17 + computeResidentIdCheckDigit(first17);
}

/** Loads the regions (once per database) and adds one grid under each village given; returns the grid codes. */
export async function createGrids(t: TestApp, villageCodes: string[]): Promise<string[]> {
  const regions = t.app.get(RegionsService);
  await regions.importIfEmpty();
  const created = await t.dataSource.transaction((manager) =>
    regions.insertGrids(manager, villageCodes.map((villageCode, i) => ({ villageCode, name: `测试网格${i + 1}` }))),
  );
  return created.map((grid) => grid.code);
}

/** A POST /households body: a head plus the members given (each with a fresh ID number unless set). */
export function householdBody(regionCode: string, options: { headName?: string; members?: Record<string, unknown>[]; phone?: string } = {}) {
  return {
    regionCode,
    address: '羊街镇羊街村1号',
    householdType: HouseholdType.ORDINARY,
    phone: options.phone,
    members: [
      { name: options.headName ?? '张建国', idNumber: residentId({ birth: '19700315' }), relation: Relation.HEAD },
      ...(options.members ?? []).map((m) => ({ idNumber: residentId(), ...m })),
    ],
  };
}

/** Creates a household through the API; throws with the answer when it is not 201. */
export async function createHousehold(t: TestApp, token: string, body: Record<string, unknown>): Promise<any> {
  const response = await t.request('POST', '/api/v1/households', { token, body });
  if (response.status !== 201) throw new Error(`household create failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}
