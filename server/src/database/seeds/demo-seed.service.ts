import { performance } from 'node:perf_hooks';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  computeResidentIdCheckDigit,
  Department,
  HealthStatus,
  HouseholdType,
  LabourCapacity,
  Relation,
  RegionLevel,
  Role,
  RoleLabel,
  Sex,
} from '@jiuzhu/shared';
import { AccountsService } from '../../modules/accounts/accounts.service.js';
import { HouseholdImport, HouseholdsService } from '../../modules/households/households.service.js';
import { RegionsService } from '../../modules/regions/regions.service.js';
import { ScreeningGenerationService } from '../../modules/screening/screening-generation.service.js';
import { DemoGrid, DemoPopulation } from './demo-population.js';

export const DEMO_PASSWORD = 'Jiuzhu@2026';
export const DEMO_COUNTY = '530129'; // 寻甸回族彝族自治县, 昆明市
const DEMO_TOWNSHIP = '530129103'; // 羊街镇
const DEMO_SEED = 20260101;
const DEMO_HOUSEHOLDS = 2000;
const MONITORED_SHARE = 0.03;

/** The member a citizen can bind to in the demo: head of a household in the `grid` account's grid. */
const DEMO_CITIZEN_FIRST17 = '53012919780615031';
export const DEMO_CITIZEN = {
  name: '张明华',
  idNumber: DEMO_CITIZEN_FIRST17 + computeResidentIdCheckDigit(DEMO_CITIZEN_FIRST17),
};

export interface DemoSeedSummary {
  county: { code: string; name: string };
  password: string;
  accounts: { username: string; role: Role; roleLabel: string; regionCode: string; regionName: string; created: boolean }[];
  citizenMember: { name: string; idNumber: string; householdNumber: string; place: string };
  counts: { grids: number; households: number; members: number; outOfPoverty: number; monitored: number };
  /** this month's screening rounds and tasks of the county (the demo grid's among them) */
  screening: { month: string; rounds: number; tasks: number; demoGridTasks: number };
  milliseconds: number;
}

export interface DemoSeedOptions {
  /** number of synthetic households (default 2,000) */
  households?: number;
}

// 羊街村委会 → 羊街村, 建设社区居委会 → 建设社区 (for addresses)
const shortVillageName = (name: string) => name.replace(/(村民委员会|村委会)$/, '村').replace(/(居民委员会|居委会)$/, '');

const CHINESE_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
/** 1 → 一, 10 → 十, 12 → 十二, 23 → 二十三 (grid names 第N村民小组; demo villages have at most 8). */
export function chineseNumber(n: number): string {
  if (n < 10) return CHINESE_DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : CHINESE_DIGITS[tens]}十${ones ? CHINESE_DIGITS[ones] : ''}`;
}

/**
 * The demo county (ARCHITECTURE.md "The embedded default"): on a first start with no households, one real county
 * gets grids, ~2,000 synthetic households and one account per role, all in one transaction.
 */
@Injectable()
export class DemoSeedService {
  private readonly logger = new Logger(DemoSeedService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly regions: RegionsService,
    private readonly households: HouseholdsService,
    private readonly accounts: AccountsService,
    private readonly screening: ScreeningGenerationService,
  ) {}

  /** Seeds when the registry is empty; null when there was something already (every later start). */
  async seedIfEmpty(options: DemoSeedOptions = {}): Promise<DemoSeedSummary | null> {
    const [{ present }] = await this.dataSource.query('SELECT EXISTS (SELECT 1 FROM households) AS present');
    if (present) return null;
    return this.seed(options);
  }

  async seed(options: DemoSeedOptions = {}): Promise<DemoSeedSummary> {
    const started = performance.now();
    const count = options.households ?? DEMO_HOUSEHOLDS;
    const county = await this.regions.findOne(DEMO_COUNTY);
    if (!county) throw new Error(`demo seed: county ${DEMO_COUNTY} is not in the regions table (import the regions first)`);
    // outside the transaction: on PGlite a second connection would wait for it forever
    const usernames = ['admin', 'county', 'township', 'village', 'grid', 'dept'];
    const existing = new Set<string>();
    for (const username of usernames) if (await this.accounts.findByUsername(username)) existing.add(username);

    const summary = await this.dataSource.transaction(async (manager) => {
      const grids = await this.createGrids(manager);
      const population = new DemoPopulation(DEMO_SEED, DEMO_COUNTY, [DEMO_CITIZEN.idNumber]);
      const demoGrid = grids[0];
      const imports: HouseholdImport[] = [this.citizenHousehold(population, demoGrid)];
      const houseNumbers = new Map<string, number>([[demoGrid.code, 1]]);
      for (let i = 1; i < count; i++) {
        // the demo grid gets a handful of households, the rest spread over the county
        const grid = i < 8 ? demoGrid : population.pick(grids);
        const house = (houseNumbers.get(grid.code) ?? 0) + 1;
        houseNumbers.set(grid.code, house);
        imports.push(population.household(grid, house, population.chance(MONITORED_SHARE)));
      }
      const result = await this.households.importMany(manager, null, imports);
      // this month's screening round, as the monthly job would make it (the grid account has tasks at once)
      const month = this.screening.currentMonth();
      const generated = await this.screening.generateCounty(manager, null, DEMO_COUNTY, month);
      const [{ n: demoGridTasks }] = await manager.query(
        'SELECT count(*)::int AS n FROM screening_tasks WHERE county_code = $1 AND month = $2 AND grid_code = $3',
        [DEMO_COUNTY, month, demoGrid.code],
      );

      const village = demoGrid.code.slice(0, 12);
      const plan: { username: string; role: Role; regionCode: string; displayName: string; department?: Department }[] = [
        { username: 'admin', role: Role.ADMIN, regionCode: DEMO_COUNTY.slice(0, 2), displayName: '演示管理员' },
        { username: 'county', role: Role.COUNTY_OFFICER, regionCode: DEMO_COUNTY, displayName: '演示县级干部' },
        { username: 'township', role: Role.TOWNSHIP_REVIEWER, regionCode: DEMO_TOWNSHIP, displayName: '演示乡镇审核人' },
        { username: 'village', role: Role.VILLAGE_CADRE, regionCode: village, displayName: '演示村干部' },
        { username: 'grid', role: Role.GRID_WORKER, regionCode: demoGrid.code, displayName: '演示网格员' },
        { username: 'dept', role: Role.DEPARTMENT_OPERATOR, regionCode: DEMO_COUNTY, displayName: '演示医保局', department: Department.MEDICAL_INSURANCE },
      ];
      for (const account of plan) {
        if (existing.has(account.username)) continue;
        await this.accounts.createAccount({ ...account, password: DEMO_PASSWORD }, { manager });
      }
      const names = await this.regions.namesOf(plan.map((a) => a.regionCode), manager);
      const [citizenHousehold] = await manager.query('SELECT household_number FROM households WHERE id = $1', [result.householdIds[0]]);
      return {
        county: { code: county.code, name: county.name },
        password: DEMO_PASSWORD,
        accounts: plan.map((a) => ({
          username: a.username,
          role: a.role,
          roleLabel: RoleLabel[a.role],
          regionCode: a.regionCode,
          regionName: names.get(a.regionCode) ?? '',
          created: !existing.has(a.username),
        })),
        citizenMember: { ...DEMO_CITIZEN, householdNumber: citizenHousehold.household_number, place: demoGrid.place },
        counts: {
          grids: grids.length,
          households: result.households,
          members: result.members,
          outOfPoverty: imports.filter((h) => h.householdType === HouseholdType.OUT_OF_POVERTY).length,
          monitored: imports.filter((h) => h.monitoringType).length,
        },
        screening: { month, rounds: generated.roundsCreated, tasks: generated.tasksCreated, demoGridTasks },
        milliseconds: 0,
      };
    });
    summary.milliseconds = Math.round(performance.now() - started);
    this.logger.log(
      `Demo county ${summary.county.name}: ${summary.counts.grids} grids, ${summary.counts.households} households, ` +
        `${summary.counts.members} members in ${summary.milliseconds} ms`,
    );
    return summary;
  }

  /** 3-8 grids (村民小组) per village of the county, the demo township's first village first. */
  private async createGrids(manager: EntityManager): Promise<DemoGrid[]> {
    const population = new DemoPopulation(DEMO_SEED + 1, DEMO_COUNTY);
    const villages = await this.regions.listWithin(DEMO_COUNTY, RegionLevel.VILLAGE, manager);
    const townships = await this.regions.namesOf(villages.map((v) => v.code.slice(0, 9)), manager);
    villages.sort((a, b) => Number(!a.code.startsWith(DEMO_TOWNSHIP)) - Number(!b.code.startsWith(DEMO_TOWNSHIP)));
    const wanted = villages.flatMap((village) =>
      Array.from({ length: population.int(3, 8) }, (_, i) => ({ villageCode: village.code, name: `第${chineseNumber(i + 1)}村民小组` })),
    );
    const created = await this.regions.insertGrids(manager, wanted);
    const villageNames = new Map(villages.map((v) => [v.code, v.name]));
    return created.map((grid) => ({
      code: grid.code,
      place: `${townships.get(grid.code.slice(0, 9)) ?? ''}${shortVillageName(villageNames.get(grid.code.slice(0, 12)) ?? '')}${grid.name}`,
    }));
  }

  /** The fixed household whose head a citizen binds to in the demo (name and ID number printed at start). */
  private citizenHousehold(population: DemoPopulation, grid: DemoGrid): HouseholdImport {
    const base = { ethnicity: '汉族', medicalInsurance: true, seriousIllnessInsurance: true, pensionInsurance: true };
    return {
      regionCode: grid.code,
      address: `${grid.place}1号`,
      phone: population.mobile(),
      householdType: HouseholdType.OUT_OF_POVERTY,
      riskTypes: [],
      members: [
        { ...base, name: DEMO_CITIZEN.name, idNumber: DEMO_CITIZEN.idNumber, relation: Relation.HEAD, health: HealthStatus.HEALTHY, labourCapacity: LabourCapacity.ORDINARY },
        {
          ...base,
          ...population.member(Relation.SPOUSE, Sex.FEMALE, 46, '李', '汉族', true),
          name: '李秀英',
          health: HealthStatus.CHRONIC_ILLNESS,
        },
        { ...population.member(Relation.CHILD, Sex.MALE, 17, '张', '汉族', true), name: '张浩宇' },
      ],
    };
  }
}

/** The lines main.ts prints after a first start that seeded the demo. */
export function formatDemoSeedSummary(summary: DemoSeedSummary): string {
  const accounts = summary.accounts.map(
    (a) => `    ${a.username.padEnd(9)} ${a.roleLabel}（${a.regionName} ${a.regionCode}）${a.created ? '' : '  [already existed, not changed]'}`,
  );
  return [
    `Demo data: ${summary.county.name} (${summary.county.code}), ${summary.counts.grids} grids, ${summary.counts.households} households ` +
      `(${summary.counts.outOfPoverty} 脱贫户, ${summary.counts.monitored} monitored), ${summary.counts.members} members, ${summary.milliseconds} ms`,
    `  Screening ${summary.screening.month}: ${summary.screening.rounds} grid rounds, ${summary.screening.tasks} tasks ` +
      `(${summary.screening.demoGridTasks} in the grid account's grid)`,
    `  Demo accounts (password ${summary.password}):`,
    ...accounts,
    `  Citizen binding (小程序 我的 → 绑定家庭): name ${summary.citizenMember.name}, ID number ${summary.citizenMember.idNumber}` +
      ` (household ${summary.citizenMember.householdNumber}, ${summary.citizenMember.place})`,
  ].join('\n');
}
