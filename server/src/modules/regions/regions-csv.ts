import { REGION_CODE_LENGTH, RegionLevel } from '@jiuzhu/shared';

export interface RegionRow {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
}

const LEVELS: Record<string, RegionLevel> = {
  province: RegionLevel.PROVINCE,
  prefecture: RegionLevel.PREFECTURE,
  county: RegionLevel.COUNTY,
  township: RegionLevel.TOWNSHIP,
  village: RegionLevel.VILLAGE,
};

/**
 * Parses seed-data/yunnan-regions.csv (`code,name,level,parent_code`; no quoted fields). Every row is checked
 * (digits, code length matching the level, parent a prefix of the code) so a bad file fails the start loudly.
 */
export function parseRegionsCsv(text: string): RegionRow[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0]?.trim() !== 'code,name,level,parent_code') {
    throw new Error('yunnan-regions.csv: the header must be "code,name,level,parent_code"');
  }
  const rows: RegionRow[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    const fields = line.split(',');
    const fail = (why: string) => new Error(`yunnan-regions.csv line ${i + 1}: ${why}: ${line}`);
    if (fields.length !== 4) throw fail('expected 4 fields');
    const [code, name, levelName, parent] = fields.map((f) => f.trim());
    const level = LEVELS[levelName];
    if (!level) throw fail(`unknown level "${levelName}"`);
    if (!/^[0-9]+$/.test(code) || code.length !== REGION_CODE_LENGTH[level]) throw fail('code does not match its level');
    if (!name) throw fail('empty name');
    if (level === RegionLevel.PROVINCE ? parent !== '' : !parent || !code.startsWith(parent)) {
      throw fail('parent_code must be the code one level up');
    }
    rows.push({ code, name, level, parentCode: parent || null });
  }
  return rows;
}
