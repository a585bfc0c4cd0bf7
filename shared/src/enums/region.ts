/** Administrative levels plus the grid (村民小组). A code is a path: a region contains every code starting with it. */
export enum RegionLevel {
  PROVINCE = 'PROVINCE',
  PREFECTURE = 'PREFECTURE',
  COUNTY = 'COUNTY',
  TOWNSHIP = 'TOWNSHIP',
  VILLAGE = 'VILLAGE',
  GRID = 'GRID',
}

export const RegionLevelLabel: Record<RegionLevel, string> = {
  [RegionLevel.PROVINCE]: '省',
  [RegionLevel.PREFECTURE]: '州市',
  [RegionLevel.COUNTY]: '县',
  [RegionLevel.TOWNSHIP]: '乡镇',
  [RegionLevel.VILLAGE]: '村/社区',
  [RegionLevel.GRID]: '网格',
};

export const REGION_CODE_LENGTH: Readonly<Record<RegionLevel, number>> = Object.freeze({
  [RegionLevel.PROVINCE]: 2,
  [RegionLevel.PREFECTURE]: 4,
  [RegionLevel.COUNTY]: 6,
  [RegionLevel.TOWNSHIP]: 9,
  [RegionLevel.VILLAGE]: 12,
  [RegionLevel.GRID]: 15,
});

/** Levels from the top (province) down to the grid. */
export const REGION_LEVELS_TOP_DOWN: readonly RegionLevel[] = Object.freeze([
  RegionLevel.PROVINCE,
  RegionLevel.PREFECTURE,
  RegionLevel.COUNTY,
  RegionLevel.TOWNSHIP,
  RegionLevel.VILLAGE,
  RegionLevel.GRID,
]);

const DIGITS = /^[0-9]+$/;

/** The level of a region code, or null when the code is not all digits or has no level's length. */
export function regionLevelOfCode(code: string | null | undefined): RegionLevel | null {
  if (typeof code !== 'string' || !DIGITS.test(code)) return null;
  return REGION_LEVELS_TOP_DOWN.find((level) => REGION_CODE_LENGTH[level] === code.length) ?? null;
}

/** True when `code` lies inside `scopeCode` (or is it): the prefix test used for every region check. */
export function isWithinRegion(code: string | null | undefined, scopeCode: string | null | undefined): boolean {
  if (regionLevelOfCode(code) === null || regionLevelOfCode(scopeCode) === null) return false;
  return (code as string).startsWith(scopeCode as string);
}

/** The code of the level above, or null for a province or an invalid code. */
export function parentRegionCode(code: string | null | undefined): string | null {
  const level = regionLevelOfCode(code);
  if (level === null) return null;
  const index = REGION_LEVELS_TOP_DOWN.indexOf(level);
  if (index === 0) return null;
  return (code as string).slice(0, REGION_CODE_LENGTH[REGION_LEVELS_TOP_DOWN[index - 1]]);
}
