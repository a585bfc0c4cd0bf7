import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as shared from '@jiuzhu/shared';
import {
  CADRE_ROLES,
  CaseAction,
  CaseActionLabel,
  CaseStatus,
  CaseStep,
  DEVELOPMENTAL_MEASURE_TYPES,
  DIFFICULTY_RISK_TYPES,
  DifficultyKind,
  FINAL_CASE_STATUSES,
  MeasureType,
  MeasureTypeLabel,
  OPEN_CASE_STATUSES,
  REGION_CODE_LENGTH,
  RegionLevel,
  RiskType,
  Role,
  RoleLabel,
  isWithinRegion,
  labelOf,
  parentRegionCode,
  regionLevelOfCode,
  stepOfStatus,
} from '@jiuzhu/shared/enums';

// Every exported enum paired with its label map.
const ENUMS_WITH_LABELS: Array<[string, Record<string, string>, Record<string, string>]> = Object.keys(shared)
  .filter((name) => name.endsWith('Label') && name !== 'labelOf')
  .map((labelName) => {
    const enumName = labelName.slice(0, -'Label'.length);
    return [enumName, (shared as Record<string, any>)[enumName], (shared as Record<string, any>)[labelName]];
  });

describe('enums', () => {
  it('has a label map for every enum, covering exactly its values, in Chinese', () => {
    assert.deepEqual(ENUMS_WITH_LABELS.map(([name]) => name).sort(), [
      'CaseAction', 'CaseKind', 'CaseSource', 'CaseStatus', 'CaseStep', 'Department', 'DifficultyKind',
      'DisabilityCategory', 'DisasterSubtype', 'Education', 'ExchangeBatchStatus', 'HealthStatus', 'HouseholdType',
      'LabourCapacity', 'MeasureType', 'MonitoringType', 'RegionLevel', 'Relation', 'RiskType', 'Role',
      'SafetyNetStatus', 'Schooling', 'Sex', 'TicketKind', 'WarningAction', 'WarningSeverity', 'WarningStatus',
    ]);
    for (const [name, values, labels] of ENUMS_WITH_LABELS) {
      assert.ok(values, `enum ${name} exported next to ${name}Label`);
      assert.deepEqual(Object.keys(labels).sort(), Object.values(values).sort(), name);
      for (const label of Object.values(labels)) assert.match(label, /[\u4e00-\u9fff]/, `${name}: ${label}`);
    }
  });

  it('uses string values equal to the names (except the actions, which are the API words)', () => {
    for (const [name, values] of ENUMS_WITH_LABELS) {
      if (name === 'CaseAction' || name === 'WarningAction') continue;
      for (const [key, value] of Object.entries(values)) assert.equal(value, key, `${name}.${key}`);
    }
    assert.equal(CaseAction.TOWNSHIP_RETURN, 'township.return');
    assert.equal(CaseAction.WITHDRAW, 'withdraw');
    assert.equal(Object.keys(CaseActionLabel).length, 11);
    assert.deepEqual(Object.values(shared.WarningAction).sort(), ['dismiss', 'open-case', 'verify']);
  });

  it('labels from the spec', () => {
    assert.equal(RoleLabel[Role.CITIZEN], '群众');
    assert.equal(RoleLabel[Role.TOWNSHIP_REVIEWER], '乡镇审核人');
    assert.equal(MeasureTypeLabel[MeasureType.LIVING_CONDITIONS], '生产生活条件改善');
    assert.equal(Object.keys(MeasureTypeLabel).length, 14);
    assert.equal(shared.CaseStepLabel[CaseStep.ANALYZE], '综合分析研判');
    assert.equal(shared.CaseStatusLabel[CaseStatus.DISMISSED], '已结案（不纳入）');
    assert.equal(shared.MAX_RISK_TYPES, 5);
  });

  it('groups: cadre roles, developmental measures, open and final statuses', () => {
    assert.deepEqual([...CADRE_ROLES].sort(), Object.values(Role).filter((r) => r !== Role.CITIZEN).sort());
    assert.deepEqual([...DEVELOPMENTAL_MEASURE_TYPES], [
      MeasureType.INDUSTRY, MeasureType.EMPLOYMENT, MeasureType.FINANCE, MeasureType.PUBLIC_WELFARE_JOB,
    ]);
    assert.deepEqual([...OPEN_CASE_STATUSES, ...FINAL_CASE_STATUSES].sort(), Object.values(CaseStatus).sort());
    assert.equal(OPEN_CASE_STATUSES.filter((s) => FINAL_CASE_STATUSES.includes(s)).length, 0);
  });

  it('maps every difficulty to suggested risk types', () => {
    for (const kind of Object.values(DifficultyKind)) assert.ok(DIFFICULTY_RISK_TYPES[kind].length > 0, kind);
    assert.ok(DIFFICULTY_RISK_TYPES[DifficultyKind.MEDICAL].includes(RiskType.ILLNESS));
    assert.deepEqual([...DIFFICULTY_RISK_TYPES[DifficultyKind.WATER]], [RiskType.DRINKING_WATER]);
  });

  it('steps of statuses', () => {
    assert.equal(stepOfStatus(CaseStatus.DECLARED), CaseStep.ANALYZE);
    assert.equal(stepOfStatus(CaseStatus.SURVEYING), CaseStep.SURVEY);
    assert.equal(stepOfStatus(CaseStatus.PUBLICIZING), CaseStep.PUBLICIZE);
    assert.equal(stepOfStatus(CaseStatus.TOWNSHIP_REVIEW), CaseStep.TOWNSHIP);
    assert.equal(stepOfStatus(CaseStatus.COUNTY_DECISION), CaseStep.COUNTY);
    assert.equal(stepOfStatus(CaseStatus.IDENTIFIED), CaseStep.COUNTY);
    assert.equal(stepOfStatus(CaseStatus.WITHDRAWN), null);
  });

  it('labelOf', () => {
    assert.equal(labelOf(RoleLabel, Role.GRID_WORKER), '网格员');
    assert.equal(labelOf(RoleLabel, 'SOMETHING_NEW'), 'SOMETHING_NEW');
    assert.equal(labelOf(RoleLabel, null), '');
    assert.equal(labelOf(RoleLabel, 'toString'), 'toString');
  });
});

describe('regions', () => {
  it('levels by code length', () => {
    assert.deepEqual(Object.values(REGION_CODE_LENGTH), [2, 4, 6, 9, 12, 15]);
    assert.equal(regionLevelOfCode('53'), RegionLevel.PROVINCE);
    assert.equal(regionLevelOfCode('5301'), RegionLevel.PREFECTURE);
    assert.equal(regionLevelOfCode('530129'), RegionLevel.COUNTY);
    assert.equal(regionLevelOfCode('530129100'), RegionLevel.TOWNSHIP);
    assert.equal(regionLevelOfCode('530129100201'), RegionLevel.VILLAGE);
    assert.equal(regionLevelOfCode('530129100201001'), RegionLevel.GRID);
    assert.equal(regionLevelOfCode('53012'), null);
    assert.equal(regionLevelOfCode('53a1'), null);
    assert.equal(regionLevelOfCode(''), null);
    assert.equal(regionLevelOfCode(undefined), null);
  });

  it('prefix containment', () => {
    assert.equal(isWithinRegion('530129100201001', '530129'), true);
    assert.equal(isWithinRegion('530129', '530129'), true);
    assert.equal(isWithinRegion('530130100201', '530129'), false);
    assert.equal(isWithinRegion('530129', '530129100'), false);
    assert.equal(isWithinRegion('530129', ''), false);
    assert.equal(isWithinRegion(null, '53'), false);
  });

  it('parents', () => {
    assert.equal(parentRegionCode('530129100201001'), '530129100201');
    assert.equal(parentRegionCode('530129100201'), '530129100');
    assert.equal(parentRegionCode('530129100'), '530129');
    assert.equal(parentRegionCode('530129'), '5301');
    assert.equal(parentRegionCode('5301'), '53');
    assert.equal(parentRegionCode('53'), null);
    assert.equal(parentRegionCode('5301291'), null);
  });
});
