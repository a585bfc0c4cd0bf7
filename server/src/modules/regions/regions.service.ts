import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { REGION_CODE_LENGTH, REGION_LEVELS_TOP_DOWN, RegionLevel } from '@jiuzhu/shared';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { assertInScope } from '../../common/auth/region-scope.js';
import { Page, pageOf } from '../../common/http/pagination.js';
import { serverRoot } from '../../common/paths.js';
import { bulkInsert } from '../../database/bulk-insert.js';
import { AuditService } from '../audit/audit.service.js';
import { CreateGridDto, RegionChildrenQueryDto, RegionDetailDto, RegionDto } from './dto/region.dto.js';
import { Region } from './entities/region.entity.js';
import { parseRegionsCsv } from './regions-csv.js';
import { RegionsErrorCode, RegionsException } from './regions.exception.js';

const MAX_GRID_SUFFIX = 999;
const GRID_SUFFIX_LENGTH = REGION_CODE_LENGTH[RegionLevel.GRID] - REGION_CODE_LENGTH[RegionLevel.VILLAGE];

export interface RegionImportResult {
  imported: number;
  milliseconds: number;
}

export interface GridToCreate {
  villageCode: string;
  name: string;
}

const toDto = (region: Region): RegionDto => ({
  code: region.code,
  name: region.name,
  level: region.level,
  parentCode: region.parentCode,
});

/** The codes of a region and every region above it, top-down: '530129103' → 53, 5301, 530129, 530129103. */
export function ancestorCodesOf(code: string): string[] {
  return REGION_LEVELS_TOP_DOWN.map((level) => REGION_CODE_LENGTH[level])
    .filter((length) => length <= code.length)
    .map((length) => code.slice(0, length));
}

@Injectable()
export class RegionsService {
  private readonly logger = new Logger(RegionsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /**
   * Loads seed-data/yunnan-regions.csv when the table is empty (first start). One transaction holding a table
   * lock, so two instances starting together cannot both import; multi-row INSERTs of 5,000 rows (bulkInsert).
   */
  async importIfEmpty(): Promise<RegionImportResult> {
    const started = performance.now();
    const imported = await this.dataSource.transaction(async (manager) => {
      await manager.query('LOCK TABLE regions IN SHARE ROW EXCLUSIVE MODE');
      const [{ present }] = await manager.query('SELECT EXISTS (SELECT 1 FROM regions) AS present');
      if (present) return 0;
      const rows = parseRegionsCsv(await readFile(join(serverRoot(), 'seed-data', 'yunnan-regions.csv'), 'utf8'));
      // parents before children, so the parent_code foreign key holds statement by statement
      rows.sort((a, b) => a.code.length - b.code.length || (a.code < b.code ? -1 : 1));
      await bulkInsert(manager, Region, rows);
      return rows.length;
    });
    const milliseconds = Math.round(performance.now() - started);
    if (imported) this.logger.log(`Imported ${imported} regions in ${milliseconds} ms`);
    return { imported, milliseconds };
  }

  /** The children of a region (the province when no parent is given), in code order. Public: the region picker. */
  async listChildren(query: RegionChildrenQueryDto): Promise<Page<RegionDto>> {
    const { page, pageSize, offset } = pageOf(query, 100);
    const [rows, total] = await this.dataSource.getRepository(Region).findAndCount({
      where: query.parent ? { parentCode: query.parent } : { level: RegionLevel.PROVINCE },
      order: { code: 'ASC' },
      skip: offset,
      take: pageSize,
    });
    return { items: rows.map(toDto), total, page, pageSize };
  }

  /** One region with its path from the province down (404 when unknown). */
  async getDetail(code: string): Promise<RegionDetailDto> {
    const path = await this.pathOf(code);
    const region = path[path.length - 1];
    if (!region || region.code !== code) throw RegionsException.notFound(code);
    return { ...region, path, fullName: path.map((r) => r.name).join(' ') };
  }

  /** The region and the ones above it, province first; [] when the code is unknown. One query. */
  async pathOf(code: string, manager?: EntityManager): Promise<RegionDto[]> {
    if (!/^[0-9]{2,15}$/.test(code)) return [];
    const rows = await (manager ?? this.dataSource.manager)
      .getRepository(Region)
      .createQueryBuilder('r')
      .where('r.code IN (:...codes)', { codes: ancestorCodesOf(code) })
      .orderBy('length(r.code)', 'ASC')
      .getMany();
    return rows.map(toDto);
  }

  /** code → name for the given codes (unknown codes are left out). One query. */
  async namesOf(codes: Iterable<string>, manager?: EntityManager): Promise<Map<string, string>> {
    const unique = [...new Set(codes)].filter(Boolean);
    if (!unique.length) return new Map();
    const rows: { code: string; name: string }[] = await (manager ?? this.dataSource.manager).query(
      'SELECT code, name FROM regions WHERE code = ANY($1::varchar[])',
      [unique],
    );
    return new Map(rows.map((r) => [r.code, r.name]));
  }

  /**
   * code → names from below the province down to the code itself ("昆明市 寻甸回族彝族自治县 羊街镇 ... 第一村民小组"),
   * for lists that show where each record is. One query for all codes.
   */
  async pathNamesOf(codes: Iterable<string>, manager?: EntityManager): Promise<Map<string, string>> {
    const unique = [...new Set(codes)].filter(Boolean);
    const names = await this.namesOf(unique.flatMap((code) => ancestorCodesOf(code).slice(1)), manager);
    return new Map(
      unique.map((code) => [
        code,
        ancestorCodesOf(code)
          .slice(1)
          .map((c) => names.get(c))
          .filter(Boolean)
          .join(' '),
      ]),
    );
  }

  async findOne(code: string, manager?: EntityManager): Promise<Region | null> {
    return (manager ?? this.dataSource.manager).getRepository(Region).findOneBy({ code });
  }

  /** Regions of one level inside a prefix, in code order (the demo seed, reports). */
  async listWithin(prefix: string, level: RegionLevel, manager?: EntityManager): Promise<RegionDto[]> {
    const rows = await (manager ?? this.dataSource.manager)
      .getRepository(Region)
      .createQueryBuilder('r')
      .where('r.code LIKE :prefix', { prefix: `${prefix}%` })
      .andWhere('r.level = :level', { level })
      .orderBy('r.code', 'ASC')
      .getMany();
    return rows.map(toDto);
  }

  /** POST /regions/:villageCode/grids: a new grid (村民小组) under a village, with the next free 3-digit suffix. */
  async createGrid(user: AuthUser, villageCode: string, dto: CreateGridDto): Promise<RegionDto> {
    assertInScope(user, villageCode, '村/社区');
    return this.dataSource.transaction(async (manager) => {
      const village = await manager
        .getRepository(Region)
        .createQueryBuilder('r')
        .setLock('pessimistic_write')
        .where('r.code = :code', { code: villageCode })
        .getOne();
      if (!village) throw RegionsException.notFound(villageCode);
      if (village.level !== RegionLevel.VILLAGE) {
        throw new RegionsException(RegionsErrorCode.REGION_NOT_A_VILLAGE, '网格只能建在村/社区之下', HttpStatus.BAD_REQUEST, [
          { field: 'villageCode', message: `${village.name}不是村/社区` },
        ]);
      }
      const name = dto.name.trim();
      const existing = await manager.getRepository(Region).find({ where: { parentCode: villageCode }, order: { code: 'ASC' } });
      if (existing.some((grid) => grid.name === name)) {
        throw new RegionsException(RegionsErrorCode.GRID_NAME_TAKEN, `${village.name}已有名为“${name}”的网格`, HttpStatus.CONFLICT, [
          { field: 'name', message: '该村已有同名网格' },
        ]);
      }
      const [grid] = await this.insertGrids(manager, [{ villageCode, name }], existing.map((g) => g.code));
      await this.audit.record(manager, {
        actor: user,
        action: 'region.create-grid',
        entityType: 'region',
        entityId: grid.code,
        regionCode: grid.code,
        after: grid,
      });
      return grid;
    });
  }

  /**
   * Inserts grids in one statement, each with the next free suffix of its village. `taken` are codes already in
   * use; when omitted they are read here. Callers hold the transaction (and lock the village when racing matters).
   */
  async insertGrids(manager: EntityManager, grids: GridToCreate[], taken?: string[]): Promise<RegionDto[]> {
    if (!grids.length) return [];
    const used = new Set<string>(
      taken ??
        (
          await manager.query('SELECT code FROM regions WHERE parent_code = ANY($1::varchar[])', [
            [...new Set(grids.map((g) => g.villageCode))],
          ])
        ).map((r: { code: string }) => r.code),
    );
    const created: RegionDto[] = [];
    for (const grid of grids) {
      const code = nextFreeGridCode(grid.villageCode, used);
      used.add(code);
      created.push({ code, name: grid.name, level: RegionLevel.GRID, parentCode: grid.villageCode });
    }
    await bulkInsert(manager, Region, created);
    return created;
  }
}

/** The suffix after the highest one in use, or the first gap once 999 is taken. */
function nextFreeGridCode(villageCode: string, used: Set<string>): string {
  const suffixes = [...used].filter((c) => c.startsWith(villageCode) && c.length === villageCode.length + GRID_SUFFIX_LENGTH);
  const highest = suffixes.reduce((max, c) => Math.max(max, Number(c.slice(villageCode.length))), 0);
  const format = (n: number) => villageCode + String(n).padStart(GRID_SUFFIX_LENGTH, '0');
  if (highest < MAX_GRID_SUFFIX) return format(highest + 1);
  for (let n = 1; n <= MAX_GRID_SUFFIX; n++) if (!used.has(format(n))) return format(n);
  throw new RegionsException(RegionsErrorCode.GRID_CODES_EXHAUSTED, '该村网格编号已用完（最多999个）', HttpStatus.CONFLICT);
}
