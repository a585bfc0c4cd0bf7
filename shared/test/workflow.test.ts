import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CaseAction, CaseKind, CaseStatus, Role } from '@jiuzhu/shared/enums';
import {
  ALL_CASE_STATUSES,
  ELIMINATION_WORKFLOW,
  IDENTIFICATION_WORKFLOW,
  WorkflowError,
  assertTransition,
  availableActions,
  canTransition,
  missingPayloadFields,
  nextStatus,
  workflowOf,
} from '@jiuzhu/shared/workflow';

const S = CaseStatus;
const A = CaseAction;
const R = Role;

// Written out by hand from ARCHITECTURE.md ("The workflow"), independently of the table in src/.
type Row = [from: CaseStatus, action: CaseAction, to: CaseStatus, roles: Role[]];
const EXPECTED: Record<CaseKind, Row[]> = {
  [CaseKind.IDENTIFICATION]: [
    [S.DECLARED, A.ANALYZE_PROCEED, S.SURVEYING, [R.VILLAGE_CADRE, R.TOWNSHIP_REVIEWER]],
    [S.DECLARED, A.ANALYZE_DISMISS, S.DISMISSED, [R.VILLAGE_CADRE, R.TOWNSHIP_REVIEWER]],
    [S.SURVEYING, A.SURVEY_SUBMIT, S.SURVEYED, [R.GRID_WORKER, R.VILLAGE_CADRE]],
    [S.SURVEYED, A.PUBLICIZE_START, S.PUBLICIZING, [R.VILLAGE_CADRE]],
    [S.PUBLICIZING, A.PUBLICIZE_CLOSE, S.TOWNSHIP_REVIEW, [R.VILLAGE_CADRE]],
    [S.TOWNSHIP_REVIEW, A.TOWNSHIP_APPROVE, S.COUNTY_DECISION, [R.TOWNSHIP_REVIEWER]],
    [S.TOWNSHIP_REVIEW, A.TOWNSHIP_RETURN, S.SURVEYING, [R.TOWNSHIP_REVIEWER]],
    [S.COUNTY_DECISION, A.COUNTY_CONFIRM, S.IDENTIFIED, [R.COUNTY_OFFICER]],
    [S.COUNTY_DECISION, A.COUNTY_REJECT, S.REJECTED, [R.COUNTY_OFFICER]],
    [S.COUNTY_DECISION, A.COUNTY_RETURN, S.TOWNSHIP_REVIEW, [R.COUNTY_OFFICER]],
    [S.DECLARED, A.WITHDRAW, S.WITHDRAWN, [R.CITIZEN, R.VILLAGE_CADRE]],
    [S.SURVEYING, A.WITHDRAW, S.WITHDRAWN, [R.CITIZEN, R.VILLAGE_CADRE]],
    [S.SURVEYED, A.WITHDRAW, S.WITHDRAWN, [R.CITIZEN, R.VILLAGE_CADRE]],
  ],
  [CaseKind.ELIMINATION]: [
    [S.SURVEYING, A.SURVEY_SUBMIT, S.SURVEYED, [R.GRID_WORKER, R.VILLAGE_CADRE]],
    [S.SURVEYED, A.PUBLICIZE_START, S.PUBLICIZING, [R.VILLAGE_CADRE]],
    [S.PUBLICIZING, A.PUBLICIZE_CLOSE, S.TOWNSHIP_REVIEW, [R.VILLAGE_CADRE]],
    [S.TOWNSHIP_REVIEW, A.TOWNSHIP_APPROVE, S.COUNTY_DECISION, [R.TOWNSHIP_REVIEWER]],
    [S.TOWNSHIP_REVIEW, A.TOWNSHIP_RETURN, S.SURVEYING, [R.TOWNSHIP_REVIEWER]],
    [S.COUNTY_DECISION, A.COUNTY_CONFIRM, S.ELIMINATED, [R.COUNTY_OFFICER]],
    [S.COUNTY_DECISION, A.COUNTY_REJECT, S.NOT_ELIMINATED, [R.COUNTY_OFFICER]],
    [S.COUNTY_DECISION, A.COUNTY_RETURN, S.TOWNSHIP_REVIEW, [R.COUNTY_OFFICER]],
    [S.SURVEYING, A.WITHDRAW, S.WITHDRAWN, [R.VILLAGE_CADRE]],
    [S.SURVEYED, A.WITHDRAW, S.WITHDRAWN, [R.VILLAGE_CADRE]],
  ],
};

const KINDS = Object.values(CaseKind);
const STATUSES = Object.values(CaseStatus);
const ACTIONS = Object.values(CaseAction);
const ROLES = Object.values(Role);

function expectedRow(kind: CaseKind, status: CaseStatus, action: CaseAction): Row | undefined {
  return EXPECTED[kind].find(([from, a]) => from === status && a === action);
}

function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (error) {
    assert.ok(error instanceof WorkflowError, 'throws a WorkflowError');
    assert.equal(error.name, 'WorkflowError');
    assert.match(error.message, /[\u4e00-\u9fff]/);
    return error.code;
  }
}

describe('workflow tables', () => {
  it('have exactly the expected rows', () => {
    for (const kind of KINDS) {
      const actual = workflowOf(kind).map((row) => [row.from, row.action, row.to, [...row.roles].sort()]);
      const expected = EXPECTED[kind].map(([from, action, to, roles]) => [from, action, to, [...roles].sort()]);
      assert.deepEqual(actual.sort(), expected.sort(), kind);
    }
    assert.equal(workflowOf(), IDENTIFICATION_WORKFLOW);
    assert.equal(workflowOf(CaseKind.ELIMINATION), ELIMINATION_WORKFLOW);
  });

  it('never leave a final status and have no duplicate (status, action)', () => {
    for (const kind of KINDS) {
      const keys = workflowOf(kind).map((row) => `${row.from} ${row.action}`);
      assert.equal(new Set(keys).size, keys.length, kind);
      for (const row of workflowOf(kind)) {
        assert.ok(!FINAL.has(row.from), `${kind}: ${row.from} is final`);
      }
    }
  });

  let combinations = 0;
  for (const kind of KINDS) {
    it(`${kind}: every status x action x role agrees with the table`, () => {
      for (const status of STATUSES) {
        for (const action of ACTIONS) {
          const row = expectedRow(kind, status, action);
          assert.equal(nextStatus(status, action, kind), row ? row[2] : null, `${status} ${action}`);
          for (const role of ROLES) {
            combinations += 1;
            const allowed = row !== undefined && row[3].includes(role);
            const label = `${kind} ${status} ${action} ${role}`;
            assert.equal(canTransition(status, action, role, kind), allowed, label);
            const code = codeOf(() => assertTransition(status, action, role, kind));
            if (!row) assert.equal(code, 'ACTION_NOT_ALLOWED_IN_STATUS', label);
            else if (!allowed) assert.equal(code, 'ROLE_NOT_ALLOWED', label);
            else {
              assert.equal(code, null, label);
              assert.equal(assertTransition(status, action, role, kind), row[2], label);
            }
          }
        }
        for (const role of ROLES) {
          const expected = ACTIONS.filter((action) => expectedRow(kind, status, action)?.[3].includes(role));
          assert.deepEqual([...availableActions(status, role, kind)].sort(), expected.sort(), `${kind} ${status} ${role}`);
        }
      }
    });
  }

  it('walked every combination', () => {
    assert.equal(combinations, KINDS.length * STATUSES.length * ACTIONS.length * ROLES.length);
  });

  it('defaults to identification', () => {
    assert.equal(canTransition(S.DECLARED, A.ANALYZE_PROCEED, R.VILLAGE_CADRE), true);
    assert.equal(nextStatus(S.COUNTY_DECISION, A.COUNTY_CONFIRM), S.IDENTIFIED);
    assert.deepEqual(availableActions(S.DECLARED, R.CITIZEN), [A.WITHDRAW]);
  });

  it('lists every status once for the CHECK constraint', () => {
    assert.deepEqual([...ALL_CASE_STATUSES].sort(), [...STATUSES].sort());
    assert.equal(ALL_CASE_STATUSES.length, 12);
  });
});

const FINAL = new Set<CaseStatus>([S.IDENTIFIED, S.DISMISSED, S.REJECTED, S.WITHDRAWN, S.ELIMINATED, S.NOT_ELIMINATED]);

describe('the ARCHITECTURE arrows, one by one', () => {
  const arrow = (from: CaseStatus, action: CaseAction, role: Role, to: CaseStatus, kind = CaseKind.IDENTIFICATION) =>
    assert.equal(assertTransition(from, action, role, kind), to, `${from} --${action}--> ${to}`);

  it('identification', () => {
    arrow(S.DECLARED, A.ANALYZE_PROCEED, R.VILLAGE_CADRE, S.SURVEYING);
    arrow(S.DECLARED, A.ANALYZE_PROCEED, R.TOWNSHIP_REVIEWER, S.SURVEYING);
    arrow(S.DECLARED, A.ANALYZE_DISMISS, R.VILLAGE_CADRE, S.DISMISSED);
    arrow(S.SURVEYING, A.SURVEY_SUBMIT, R.GRID_WORKER, S.SURVEYED);
    arrow(S.SURVEYING, A.SURVEY_SUBMIT, R.VILLAGE_CADRE, S.SURVEYED);
    arrow(S.SURVEYED, A.PUBLICIZE_START, R.VILLAGE_CADRE, S.PUBLICIZING);
    arrow(S.PUBLICIZING, A.PUBLICIZE_CLOSE, R.VILLAGE_CADRE, S.TOWNSHIP_REVIEW);
    arrow(S.TOWNSHIP_REVIEW, A.TOWNSHIP_APPROVE, R.TOWNSHIP_REVIEWER, S.COUNTY_DECISION);
    arrow(S.TOWNSHIP_REVIEW, A.TOWNSHIP_RETURN, R.TOWNSHIP_REVIEWER, S.SURVEYING);
    arrow(S.COUNTY_DECISION, A.COUNTY_CONFIRM, R.COUNTY_OFFICER, S.IDENTIFIED);
    arrow(S.COUNTY_DECISION, A.COUNTY_REJECT, R.COUNTY_OFFICER, S.REJECTED);
    arrow(S.COUNTY_DECISION, A.COUNTY_RETURN, R.COUNTY_OFFICER, S.TOWNSHIP_REVIEW);
    arrow(S.DECLARED, A.WITHDRAW, R.CITIZEN, S.WITHDRAWN);
    arrow(S.SURVEYING, A.WITHDRAW, R.CITIZEN, S.WITHDRAWN);
    arrow(S.SURVEYED, A.WITHDRAW, R.VILLAGE_CADRE, S.WITHDRAWN);
  });

  it('no withdrawal once the notice has started', () => {
    for (const status of [S.PUBLICIZING, S.TOWNSHIP_REVIEW, S.COUNTY_DECISION, S.IDENTIFIED]) {
      assert.equal(canTransition(status, A.WITHDRAW, R.CITIZEN), false, status);
      assert.equal(codeOf(() => assertTransition(status, A.WITHDRAW, R.CITIZEN)), 'ACTION_NOT_ALLOWED_IN_STATUS');
    }
  });

  it('wrong role and wrong status give the right codes and messages', () => {
    assert.equal(codeOf(() => assertTransition(S.COUNTY_DECISION, A.COUNTY_CONFIRM, R.TOWNSHIP_REVIEWER)), 'ROLE_NOT_ALLOWED');
    assert.throws(() => assertTransition(S.COUNTY_DECISION, A.COUNTY_CONFIRM, R.CITIZEN), /群众.*县级确认/);
    assert.throws(
      () => assertTransition(S.PUBLICIZING, A.TOWNSHIP_APPROVE, R.TOWNSHIP_REVIEWER),
      (error: unknown) =>
        error instanceof WorkflowError &&
        error.code === 'ACTION_NOT_ALLOWED_IN_STATUS' &&
        error.status === S.PUBLICIZING &&
        error.action === A.TOWNSHIP_APPROVE &&
        /公示中.*乡镇同意/.test(error.message),
    );
  });

  it('risk elimination', () => {
    const E = CaseKind.ELIMINATION;
    arrow(S.SURVEYING, A.SURVEY_SUBMIT, R.GRID_WORKER, S.SURVEYED, E);
    arrow(S.SURVEYED, A.PUBLICIZE_START, R.VILLAGE_CADRE, S.PUBLICIZING, E);
    arrow(S.PUBLICIZING, A.PUBLICIZE_CLOSE, R.VILLAGE_CADRE, S.TOWNSHIP_REVIEW, E);
    arrow(S.TOWNSHIP_REVIEW, A.TOWNSHIP_APPROVE, R.TOWNSHIP_REVIEWER, S.COUNTY_DECISION, E);
    arrow(S.TOWNSHIP_REVIEW, A.TOWNSHIP_RETURN, R.TOWNSHIP_REVIEWER, S.SURVEYING, E);
    arrow(S.COUNTY_DECISION, A.COUNTY_CONFIRM, R.COUNTY_OFFICER, S.ELIMINATED, E);
    arrow(S.COUNTY_DECISION, A.COUNTY_REJECT, R.COUNTY_OFFICER, S.NOT_ELIMINATED, E);
    arrow(S.COUNTY_DECISION, A.COUNTY_RETURN, R.COUNTY_OFFICER, S.TOWNSHIP_REVIEW, E);
    assert.equal(nextStatus(S.DECLARED, A.ANALYZE_PROCEED, E), null);
    assert.equal(canTransition(S.SURVEYING, A.WITHDRAW, R.CITIZEN, E), false);
  });
});

describe('missingPayloadFields', () => {
  it('lists the required fields that are absent or blank', () => {
    assert.deepEqual(missingPayloadFields(A.ANALYZE_DISMISS, {}), ['reason']);
    assert.deepEqual(missingPayloadFields(A.ANALYZE_DISMISS, { reason: '  ' }), ['reason']);
    assert.deepEqual(missingPayloadFields(A.ANALYZE_DISMISS, { reason: '收入高于监测范围' }), []);
    assert.deepEqual(missingPayloadFields(A.ANALYZE_PROCEED, null), ['reason']);
    assert.deepEqual(missingPayloadFields(A.SURVEY_SUBMIT, { survey: { members: [] } }), []);
    assert.deepEqual(missingPayloadFields(A.PUBLICIZE_START, { appraisalDate: '2025-03-01', noticeDays: 0 }), [
      'appraisalResult',
      'noticeStartDate',
    ]);
    assert.deepEqual(missingPayloadFields(A.PUBLICIZE_CLOSE, undefined), []);
    assert.deepEqual(missingPayloadFields(A.TOWNSHIP_APPROVE, {}), ['opinion']);
    assert.deepEqual(missingPayloadFields(A.TOWNSHIP_RETURN, { opinion: 'x' }), ['reason']);
    assert.deepEqual(missingPayloadFields(A.COUNTY_CONFIRM, { monitoringType: 'MARGINAL', riskTypes: [], measures: null }), [
      'riskTypes',
      'measures',
    ]);
    assert.deepEqual(missingPayloadFields(A.COUNTY_REJECT, {}), ['reason']);
    assert.deepEqual(missingPayloadFields(A.COUNTY_RETURN, {}), ['reason']);
    assert.deepEqual(missingPayloadFields(A.WITHDRAW, {}), ['reason']);
  });

  it('uses the elimination table when asked', () => {
    assert.deepEqual(missingPayloadFields(A.COUNTY_CONFIRM, {}, CaseKind.ELIMINATION), ['eliminationMethod']);
    assert.deepEqual(missingPayloadFields(A.COUNTY_CONFIRM, { eliminationMethod: 'HELP' }, CaseKind.ELIMINATION), []);
    assert.deepEqual(missingPayloadFields(A.ANALYZE_DISMISS, {}, CaseKind.ELIMINATION), []);
  });

  it('matches the requires column of every row', () => {
    for (const kind of KINDS) {
      for (const row of workflowOf(kind)) {
        assert.deepEqual(missingPayloadFields(row.action, {}, kind), [...row.requires], `${kind} ${row.action}`);
      }
    }
  });
});
