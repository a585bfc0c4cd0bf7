import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { maskBankAccount, maskIdNumber, maskName, maskPhone } from '@jiuzhu/shared/masking';

describe('masking', () => {
  it('names', () => {
    assert.equal(maskName('张'), '张');
    assert.equal(maskName('张三'), '张*');
    assert.equal(maskName('张三丰'), '张*丰');
    assert.equal(maskName('李四光'), '李*光');
    assert.equal(maskName('欧阳娜娜'), '欧**娜');
    assert.equal(maskName('阿依古丽·买买提'), '阿******提');
    assert.equal(maskName('𠮷田'), '𠮷*', 'a character outside the BMP counts as one');
  });

  it('ID numbers', () => {
    assert.equal(maskIdNumber('530129199001011234'), '5301**********1234');
    assert.equal(maskIdNumber('11010519491231002X'), '1101**********002X');
    assert.equal(maskIdNumber('53012919900101123142'), '5301************3142');
    assert.equal(maskIdNumber('12345678'), '********');
  });

  it('phones', () => {
    assert.equal(maskPhone('13812345678'), '138****5678');
    assert.equal(maskPhone('1234567'), '*******');
  });

  it('bank accounts keep only the last 4', () => {
    assert.equal(maskBankAccount('6222021234567890123'), '***************0123');
    assert.equal(maskBankAccount('6222021234567890123').length, 19);
    assert.equal(maskBankAccount('1234'), '****');
  });

  it('null, undefined and empty pass through as empty', () => {
    for (const mask of [maskName, maskIdNumber, maskPhone, maskBankAccount]) {
      assert.equal(mask(null), '');
      assert.equal(mask(undefined), '');
      assert.equal(mask(''), '');
    }
  });
});
