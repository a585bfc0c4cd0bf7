import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Sex } from '@jiuzhu/shared/enums';
import {
  DisabilityCategory,
  PROVINCE_CODES,
  computeResidentIdCheckDigit,
  validateDisabilityCertificate,
  validateIdNumber,
  validateMobile,
  validateResidentId,
} from '@jiuzhu/shared/validation';

const TODAY = new Date(2025, 5, 15); // 2025-06-15, local time

/** A valid ID built with the exported check digit function. */
function makeId(region: string, birth: string, sequence: string): string {
  const first17 = region + birth + sequence;
  return first17 + computeResidentIdCheckDigit(first17);
}

function reasonOf(result: { valid: boolean; reason?: string }): string {
  assert.equal(result.valid, false);
  assert.equal(typeof result.reason, 'string');
  assert.match(result.reason as string, /[\u4e00-\u9fff]/);
  return result.reason as string;
}

describe('computeResidentIdCheckDigit', () => {
  it('matches hand-checked samples', () => {
    // 1*7+1*9+0*10+1*5+0*8+5*4+1*2+9*1+4*6+9*3+1*7+2*9+3*10+1*5+0*8+0*4+2*2 = 167; 167 % 11 = 2 -> 'X'
    assert.equal(computeResidentIdCheckDigit('11010519491231002'), 'X');
    assert.equal(computeResidentIdCheckDigit('53012919900101123'), '1');
    assert.equal(computeResidentIdCheckDigit('53262219850715004'), '4');
    assert.equal(computeResidentIdCheckDigit('44030019991231876'), '7');
  });

  it('refuses anything but 17 digits', () => {
    assert.throws(() => computeResidentIdCheckDigit('1234'), TypeError);
    assert.throws(() => computeResidentIdCheckDigit('1101051949123100X'), TypeError);
  });
});

describe('validateResidentId', () => {
  it('accepts the well-known sample and reads birth date, sex, region', () => {
    const result = validateResidentId('11010519491231002X', { today: TODAY });
    assert.deepEqual(result, {
      valid: true,
      kind: 'RESIDENT_ID',
      normalized: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: Sex.FEMALE,
      regionPrefix: '110105',
      provinceCode: '11',
    });
  });

  it('accepts hard-coded Yunnan samples', () => {
    const man = validateResidentId('530129199001011231', { today: TODAY });
    assert.ok(man.valid);
    assert.equal(man.sex, Sex.MALE);
    assert.equal(man.birthDate, '1990-01-01');
    assert.equal(man.regionPrefix, '530129');
    const woman = validateResidentId('532622198507150044', { today: TODAY });
    assert.ok(woman.valid);
    assert.equal(woman.sex, Sex.FEMALE);
    const leap = validateResidentId('532901200002290310', { today: TODAY });
    assert.ok(leap.valid, 'Feb 29 of a leap year');
    assert.equal(leap.birthDate, '2000-02-29');
    assert.ok(validateResidentId('810000198001010014', { today: TODAY }).valid, 'Hong Kong prefix 81');
  });

  it('accepts generated IDs for every province code', () => {
    for (const province of PROVINCE_CODES) {
      const id = makeId(`${province}0101`, '19700101', '123');
      assert.ok(validateResidentId(id, { today: TODAY }).valid, id);
    }
  });

  it('normalises a lower-case x and trims spaces', () => {
    const result = validateResidentId(' 11010519491231002x ', { today: TODAY });
    assert.ok(result.valid);
    assert.equal(result.normalized, '11010519491231002X');
  });

  it('uses the current date by default', () => {
    assert.ok(validateResidentId('11010519491231002X').valid);
  });

  it('rejects a wrong check digit', () => {
    assert.match(reasonOf(validateResidentId('110105194912310021', { today: TODAY })), /校验码/);
    assert.match(reasonOf(validateResidentId('530129199001011232', { today: TODAY })), /校验码/);
  });

  it('rejects dates that do not exist', () => {
    assert.match(reasonOf(validateResidentId(makeId('530129', '19900230', '123'), { today: TODAY })), /出生日期/);
    assert.match(reasonOf(validateResidentId(makeId('530129', '19010229', '123'), { today: TODAY })), /出生日期/);
    assert.match(reasonOf(validateResidentId(makeId('530129', '19901301', '123'), { today: TODAY })), /出生日期/);
    assert.match(reasonOf(validateResidentId(makeId('530129', '19900100', '123'), { today: TODAY })), /出生日期/);
  });

  it('rejects a birth date in the future or before 1900', () => {
    assert.match(reasonOf(validateResidentId(makeId('530129', '20250616', '123'), { today: TODAY })), /晚于今天/);
    assert.ok(validateResidentId(makeId('530129', '20250615', '123'), { today: TODAY }).valid, 'born today');
    assert.match(reasonOf(validateResidentId(makeId('530129', '18991231', '123'), { today: TODAY })), /1900/);
    assert.ok(validateResidentId(makeId('530129', '19000101', '123'), { today: TODAY }).valid);
  });

  it('rejects a bad province prefix', () => {
    for (const prefix of ['00', '10', '16', '20', '24', '30', '38', '47', '55', '60', '66', '70', '72', '80', '83', '99']) {
      assert.match(reasonOf(validateResidentId(makeId(`${prefix}0101`, '19900101', '123'), { today: TODAY })), /地区码/, prefix);
    }
  });

  it('rejects wrong lengths and characters, never throws', () => {
    assert.match(reasonOf(validateResidentId('11010519491231002', { today: TODAY })), /18位/);
    assert.match(reasonOf(validateResidentId('11010519491231002XX', { today: TODAY })), /18位/);
    assert.match(reasonOf(validateResidentId('1101051949123100X2', { today: TODAY })), /校验码|数字/);
    assert.match(reasonOf(validateResidentId('11010519491231002Y', { today: TODAY })), /数字或X/);
    assert.match(reasonOf(validateResidentId('', { today: TODAY })), /不能为空/);
    assert.match(reasonOf(validateResidentId(null)), /不能为空/);
    assert.match(reasonOf(validateResidentId(undefined)), /不能为空/);
    assert.match(reasonOf(validateResidentId(110105194912310020 as unknown)), /不能为空/);
  });
});

describe('validateDisabilityCertificate', () => {
  it('accepts 20 digits: resident ID + category + grade', () => {
    const result = validateDisabilityCertificate('53012919900101123142', { today: TODAY });
    assert.ok(result.valid);
    assert.equal(result.kind, 'DISABILITY_CERTIFICATE');
    assert.equal(result.residentId, '530129199001011231');
    assert.equal(result.disabilityCategory, DisabilityCategory.PHYSICAL);
    assert.equal(result.disabilityGrade, 2);
    assert.equal(result.birthDate, '1990-01-01');
    assert.equal(result.sex, Sex.MALE);
  });

  it('accepts 22 digits and an X check character (any case)', () => {
    const result = validateDisabilityCertificate('11010519491231002x7401', { today: TODAY });
    assert.ok(result.valid);
    assert.equal(result.normalized, '11010519491231002X7401');
    assert.equal(result.disabilityCategory, DisabilityCategory.MULTIPLE);
    assert.equal(result.disabilityGrade, 4);
  });

  it('rejects a bad embedded ID, category, grade, length or suffix', () => {
    assert.match(reasonOf(validateDisabilityCertificate('53012919900101123242', { today: TODAY })), /校验码/);
    assert.match(reasonOf(validateDisabilityCertificate('53012919900101123182', { today: TODAY })), /类别/);
    assert.match(reasonOf(validateDisabilityCertificate('53012919900101123102', { today: TODAY })), /类别/);
    assert.match(reasonOf(validateDisabilityCertificate('53012919900101123145', { today: TODAY })), /等级/);
    assert.match(reasonOf(validateDisabilityCertificate('53012919900101123140', { today: TODAY })), /等级/);
    assert.match(reasonOf(validateDisabilityCertificate('530129199001011231421', { today: TODAY })), /20位或22位/);
    assert.match(reasonOf(validateDisabilityCertificate('5301291990010112314B1', { today: TODAY })), /20位或22位/);
    assert.equal(validateDisabilityCertificate('530129199001011231420B', { today: TODAY }).valid, false);
    assert.equal(validateDisabilityCertificate(undefined).valid, false);
  });
});

describe('validateIdNumber', () => {
  it('accepts either kind and says which', () => {
    const id = validateIdNumber('530129199001011231', { today: TODAY });
    assert.ok(id.valid);
    assert.equal(id.kind, 'RESIDENT_ID');
    const certificate = validateIdNumber('53012919900101123142', { today: TODAY });
    assert.ok(certificate.valid);
    assert.equal(certificate.kind, 'DISABILITY_CERTIFICATE');
    assert.ok(validateIdNumber('11010519491231002X7411', { today: TODAY }).valid);
  });

  it('rejects other lengths and bad values', () => {
    assert.match(reasonOf(validateIdNumber('5301291990010112', { today: TODAY })), /18位/);
    assert.equal(validateIdNumber('530129199001011232', { today: TODAY }).valid, false);
    assert.equal(validateIdNumber('53012919900101123149', { today: TODAY }).valid, false);
    assert.equal(validateIdNumber(null).valid, false);
  });
});

describe('validateMobile', () => {
  it('accepts mainland mobiles and normalises them', () => {
    for (const [input, normalized] of [
      ['13812345678', '13812345678'],
      ['19912345678', '19912345678'],
      ['+86 138 1234 5678', '13812345678'],
      ['+8613812345678', '13812345678'],
      ['8613812345678', '13812345678'],
      ['138-1234-5678', '13812345678'],
      [' 15012345678 ', '15012345678'],
    ]) {
      assert.deepEqual(validateMobile(input), { valid: true, normalized }, input);
    }
  });

  it('rejects the rest', () => {
    for (const input of ['12812345678', '10012345678', '1381234567', '138123456789', '1381234567a', '02312345678', '+85213812345678', '']) {
      reasonOf(validateMobile(input));
    }
    reasonOf(validateMobile(null));
    reasonOf(validateMobile(13812345678 as unknown));
  });
});
