import {
  computeResidentIdCheckDigit,
  Education,
  HealthStatus,
  HouseholdType,
  LabourCapacity,
  MonitoringType,
  Relation,
  RiskType,
  SafetyNetStatus,
  Schooling,
  Sex,
} from '@jiuzhu/shared';
import type { MemberInputDto } from '../../modules/households/dto/member-input.dto.js';
import type { HouseholdImport } from '../../modules/households/households.service.js';

/**
 * Synthetic, reproducible people for the demo county: plausible names, ages, ID numbers with valid check digits,
 * health, work and insurance in proportions that look like a rural Yunnan county. Nobody here is real.
 */

/** mulberry32: a small seeded generator, so every fresh demo database holds the same households. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// common surnames of Xundian (Han, Hui and Yi families)
const SURNAMES = ['李', '王', '张', '杨', '刘', '陈', '马', '赵', '保', '普', '何', '段', '沈', '周', '罗', '孙', '吴', '黄', '朱', '徐', '丁', '纳', '余', '苏', '施', '毕', '金', '钱'];
const MALE_CHARS = ['国', '文', '明', '华', '建', '平', '志', '云', '林', '兴', '富', '贵', '荣', '忠', '光', '德', '学', '正', '春', '海', '伟', '强', '军', '斌', '杰', '涛', '鹏', '俊', '磊', '浩', '宇', '发', '有', '成', '良', '开', '清', '福', '顺', '才'];
const FEMALE_CHARS = ['秀', '英', '丽', '芳', '兰', '珍', '梅', '琼', '艳', '红', '霞', '凤', '玉', '花', '娟', '燕', '琴', '敏', '婷', '静', '雪', '佳', '欣', '雨', '萍', '蓉', '美', '桂', '仙', '菊', '粉', '慧'];
const ETHNICITIES: [string, number][] = [['汉族', 0.7], ['彝族', 0.15], ['回族', 0.1], ['苗族', 0.03], ['布依族', 0.02]];
const WORK_PLACES = ['寻甸县城', '昆明市官渡区', '昆明市呈贡区', '曲靖市麒麟区', '浙江省宁波市', '广东省东莞市', '江苏省苏州市', '上海市'];
const MEMBER_COUNTS: [number, number][] = [[1, 0.1], [2, 0.2], [3, 0.25], [4, 0.25], [5, 0.12], [6, 0.08]];

export interface DemoGrid {
  code: string;
  /** township + village + grid, for addresses */
  place: string;
}

export interface DemoPerson {
  name: string;
  idNumber: string;
}

export class DemoPopulation {
  private readonly random: () => number;
  private readonly usedIds = new Set<string>();
  private readonly today: Date;

  constructor(seed: number, private readonly countyCode: string, reserved: string[] = [], today = new Date()) {
    this.random = seededRandom(seed);
    this.today = today;
    reserved.forEach((id) => this.usedIds.add(id));
  }

  /** A resident ID of this county with a valid check digit, unique in this population; odd 17th digit = male. */
  idNumber(birth: Date, sex: Sex): string {
    const date = `${birth.getFullYear()}${String(birth.getMonth() + 1).padStart(2, '0')}${String(birth.getDate()).padStart(2, '0')}`;
    for (;;) {
      const order = this.int(0, 49) * 2 + (sex === Sex.MALE ? 1 : 0);
      const first17 = `${this.countyCode}${date}${String(this.int(0, 9))}${String(order).padStart(2, '0')}`;
      const id = first17 + computeResidentIdCheckDigit(first17);
      if (!this.usedIds.has(id)) {
        this.usedIds.add(id);
        return id;
      }
    }
  }

  /** One household in `grid`: 1-6 members around a head, about 30 % 脱贫户, `monitored` ones with risks. */
  household(grid: DemoGrid, houseNumber: number, monitored: boolean): HouseholdImport {
    const outOfPoverty = monitored ? this.random() < 0.6 : this.random() < 0.3;
    const surname = this.pick(SURNAMES);
    const ethnicity = this.weighted(ETHNICITIES);
    const size = this.weighted(MEMBER_COUNTS);
    const headSex = this.random() < 0.75 ? Sex.MALE : Sex.FEMALE;
    const headAge = this.int(28, 78);
    const members: MemberInputDto[] = [this.member(Relation.HEAD, headSex, headAge, surname, ethnicity, outOfPoverty)];
    if (size >= 2) {
      const other = headSex === Sex.MALE ? Sex.FEMALE : Sex.MALE;
      members.push(this.member(Relation.SPOUSE, other, clamp(headAge + this.int(-5, 5), 20, 90), this.pick(SURNAMES), ethnicity, outOfPoverty));
    }
    while (members.length < size) {
      if (headAge < 60 && this.random() < 0.2 && headAge + 25 < 92) {
        members.push(this.member(Relation.PARENT, this.sex(), headAge + this.int(22, 30), surname, ethnicity, outOfPoverty));
      } else if (headAge > 55 && this.random() < 0.35) {
        members.push(this.member(Relation.GRANDCHILD, this.sex(), this.int(1, 14), surname, ethnicity, outOfPoverty));
      } else {
        const childAge = Math.max(0, headAge - this.int(20, 34));
        members.push(this.member(Relation.CHILD, this.sex(), childAge, surname, ethnicity, outOfPoverty));
      }
    }
    const riskTypes = monitored ? this.risks(members) : [];
    const monitoringType = monitored
      ? outOfPoverty
        ? this.pick([MonitoringType.UNSTABLE_OUT_OF_POVERTY, MonitoringType.SUDDEN_HARDSHIP])
        : this.pick([MonitoringType.MARGINAL, MonitoringType.SUDDEN_HARDSHIP])
      : null;
    const working = members.filter((m) => m.labourCapacity && m.labourCapacity !== LabourCapacity.LOST && m.labourCapacity !== LabourCapacity.NONE);
    return {
      regionCode: grid.code,
      address: `${grid.place}${houseNumber}号`,
      phone: this.random() < 0.85 ? this.mobile() : null,
      householdType: outOfPoverty ? HouseholdType.OUT_OF_POVERTY : HouseholdType.ORDINARY,
      monitoringType,
      riskTypes,
      noLabourCapacity: working.length === 0,
      relocated: outOfPoverty && this.random() < 0.05,
      members,
    };
  }

  member(relation: Relation, sex: Sex, age: number, surname: string, ethnicity: string, outOfPoverty: boolean): MemberInputDto {
    const birth = this.birthDate(age);
    const health = this.health(age);
    const labourCapacity = this.labour(age, health);
    const works = (labourCapacity === LabourCapacity.ORDINARY || labourCapacity === LabourCapacity.SKILLED) && this.random() < 0.55;
    return {
      name: surname + this.givenName(sex),
      idNumber: this.idNumber(birth, sex),
      relation,
      ethnicity,
      education: this.education(age),
      schooling: this.schooling(age),
      health,
      labourCapacity,
      workPlace: works ? this.pick(WORK_PLACES) : null,
      workMonths: works ? this.int(3, 12) : null,
      medicalInsurance: this.random() < 0.97,
      seriousIllnessInsurance: this.random() < 0.95,
      pensionInsurance: age >= 16 && this.random() < 0.7,
      safetyNet:
        age >= 70 && this.random() < 0.05
          ? SafetyNetStatus.TEKUN
          : this.random() < (outOfPoverty ? 0.08 : 0.02)
            ? SafetyNetStatus.DIBAO
            : SafetyNetStatus.NONE,
      publicWelfareJob: outOfPoverty && age >= 18 && age <= 60 && this.random() < 0.04,
      phone: age >= 18 && age <= 65 && this.random() < 0.5 ? this.mobile() : null,
    };
  }

  mobile(): string {
    return `1${this.pick(['3', '5', '8', '9'])}${String(this.int(0, 9))}${String(this.int(0, 99_999_999)).padStart(8, '0')}`;
  }

  private risks(members: MemberInputDto[]): RiskType[] {
    const risks = new Set<RiskType>();
    if (members.some((m) => m.health === HealthStatus.SERIOUS_ILLNESS || m.health === HealthStatus.CHRONIC_ILLNESS)) risks.add(RiskType.ILLNESS);
    if (members.some((m) => m.health === HealthStatus.DISABLED)) risks.add(RiskType.DISABILITY);
    if (members.some((m) => m.schooling === Schooling.SENIOR || m.schooling === Schooling.HIGHER)) risks.add(RiskType.SCHOOLING);
    const extra = [RiskType.NATURAL_DISASTER, RiskType.ACCIDENT, RiskType.UNSTABLE_EMPLOYMENT, RiskType.BUSINESS_FAILURE, RiskType.HOUSING_SAFETY];
    while (risks.size < 1 || (risks.size < 3 && this.random() < 0.3)) risks.add(this.pick(extra));
    return [...risks].slice(0, 5);
  }

  private health(age: number): HealthStatus {
    const r = this.random();
    const old = age >= 60 ? 2 : 1;
    if (r < 0.04 * old) return HealthStatus.SERIOUS_ILLNESS;
    if (r < 0.04 * old + 0.05) return HealthStatus.DISABLED;
    if (r < 0.04 * old + 0.05 + 0.1 * old) return HealthStatus.CHRONIC_ILLNESS;
    return HealthStatus.HEALTHY;
  }

  private labour(age: number, health: HealthStatus): LabourCapacity | null {
    if (age < 16) return null;
    if (health === HealthStatus.SERIOUS_ILLNESS || health === HealthStatus.DISABLED) {
      return this.random() < 0.6 ? LabourCapacity.LOST : LabourCapacity.WEAK;
    }
    if (age >= 70) return this.random() < 0.5 ? LabourCapacity.NONE : LabourCapacity.WEAK;
    if (age >= 60) return LabourCapacity.WEAK;
    return this.random() < 0.2 ? LabourCapacity.SKILLED : LabourCapacity.ORDINARY;
  }

  private education(age: number): Education {
    if (age < 6) return Education.PRESCHOOL;
    if (age < 12) return Education.PRIMARY;
    if (age < 15) return Education.JUNIOR;
    const older = age >= 55;
    return this.weighted<Education>([
      [Education.NONE, older ? 0.25 : 0.03],
      [Education.PRIMARY, older ? 0.5 : 0.25],
      [Education.JUNIOR, older ? 0.2 : 0.45],
      [Education.SENIOR, 0.1],
      [Education.VOCATIONAL, 0.1],
      [Education.COLLEGE, older ? 0.01 : 0.07],
    ]);
  }

  private schooling(age: number): Schooling {
    if (age >= 3 && age < 6) return Schooling.PRESCHOOL;
    if (age >= 6 && age < 12) return Schooling.PRIMARY;
    if (age >= 12 && age < 15) return Schooling.JUNIOR;
    if (age >= 15 && age < 18) return this.random() < 0.6 ? Schooling.SENIOR : Schooling.VOCATIONAL;
    if (age >= 18 && age < 22 && this.random() < 0.3) return Schooling.HIGHER;
    return Schooling.NOT_IN_SCHOOL;
  }

  private givenName(sex: Sex): string {
    const chars = sex === Sex.MALE ? MALE_CHARS : FEMALE_CHARS;
    return this.random() < 0.75 ? this.pick(chars) + this.pick(chars) : this.pick(chars);
  }

  private birthDate(age: number): Date {
    const date = new Date(this.today.getFullYear() - age - 1, 0, 1);
    date.setDate(date.getDate() + this.int(0, 364));
    return date > this.today ? new Date(this.today.getFullYear(), 0, 1) : date;
  }

  private sex(): Sex {
    return this.random() < 0.5 ? Sex.MALE : Sex.FEMALE;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }

  chance(p: number): boolean {
    return this.random() < p;
  }

  private weighted<T>(items: readonly [T, number][]): T {
    const total = items.reduce((sum, [, w]) => sum + w, 0);
    let r = this.random() * total;
    for (const [item, weight] of items) {
      r -= weight;
      if (r < 0) return item;
    }
    return items[items.length - 1][0];
  }
}

const clamp = (n: number, min: number, max: number) => Math.min(max, Math.max(min, n));
