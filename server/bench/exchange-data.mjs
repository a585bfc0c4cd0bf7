// Synthetic registry and department records for the data-sharing center benchmark (bench/exchange-bench.mjs).
//
// Everything is a pure function of an index (household i, member k, record j), so the worker threads that encrypt
// and hash the registry (bench/exchange-registry-worker.mjs) and the main thread that writes the department file
// agree without sharing state. The crypto mirrors server/src/modules/crypto/crypto.service.ts exactly: AES-256-GCM
// with the key HKDF('jiuzhu:encrypt') of ENCRYPTION_KEY, stored as v1:<iv>:<tag>:<ciphertext> (base64), and the
// keyed hash HMAC-SHA256 with the key HKDF('jiuzhu:lookup-hash'), hex.
import { createCipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';

// ---------------------------------------------------------------- crypto, as CryptoService does it

export class BenchCrypto {
  constructor(encryptionKeyBase64) {
    const master = Buffer.from(encryptionKeyBase64, 'base64');
    this.encryptionKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'jiuzhu:encrypt', 32));
    this.hashKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'jiuzhu:lookup-hash', 32));
    this.ivPool = Buffer.alloc(0);
    this.ivAt = 0;
  }

  /** a fresh random 12-byte IV (taken from a pool of random bytes: randomBytes per value costs more than AES) */
  iv() {
    if (this.ivAt + 12 > this.ivPool.length) {
      this.ivPool = randomBytes(12 * 8192);
      this.ivAt = 0;
    }
    const iv = this.ivPool.subarray(this.ivAt, this.ivAt + 12);
    this.ivAt += 12;
    return iv;
  }

  encrypt(plain) {
    const iv = this.iv();
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `v1:${iv.toString('base64')}:${cipher.getAuthTag().toString('base64')}:${data.toString('base64')}`;
  }

  lookupHash(value) {
    return createHmac('sha256', this.hashKey).update(value).digest('hex');
  }
}

// ---------------------------------------------------------------- deterministic "randomness" per index

/** a 32-bit hash of (index, salt): splitmix-like, good enough to spread synthetic data */
export function mix(i, salt) {
  let x = (Math.imul(i ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(salt + 1, 0xc2b2ae35)) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d) >>> 0;
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}

/** uniform in [0, 1) from (index, salt) */
export const unit = (i, salt) => mix(i, salt) / 4294967296;

/** mulberry32, for the department file (one stream, in order) */
export function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** a v4-shaped UUID from a name (md5), so ids are spread like gen_random_uuid's but reproducible */
export function uuidOf(name) {
  const h = createHash('md5').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

// ---------------------------------------------------------------- households

export const MONITORED_PERCENT = 10;

/** 2-5 members */
export const householdSize = (i) => 2 + (mix(i, 1) % 4);
export const isMonitored = (i) => mix(i, 2) % 100 < MONITORED_PERCENT;
/** 脱贫户: 60 % of the monitored, 30 % of the others */
export const isOutOfPoverty = (i) => mix(i, 3) % 100 < (isMonitored(i) ? 60 : 30);
export const householdId = (i) => uuidOf(`bench-household-${i}`);
export const memberId = (k) => uuidOf(`bench-member-${k}`);

// ---------------------------------------------------------------- resident ID numbers (GB 11643), unique by construction

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
export function checkDigit(first17) {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

// area codes of Kunming and Qujing; never 530129, the demo county's, whose seeded people must not collide with these
const AREAS = ['530102', '530103', '530111', '530112', '530113', '530114', '530124', '530125', '530126', '530127', '530128', '530181', '530302', '530321'];
const DAYS = 365 * 66; // birth dates 1940-01-01 .. ~2005
const BIRTH_BASE = Date.UTC(1940, 0, 1);

/**
 * The k-th ID number: area, birth date and sequence from k; registry people use sequence 000-499, people the registry
 * does not know (the department's other patients) 500-999, so the two never meet. Capacity: 14 areas x 24,090 days x
 * 500 = 168 million each.
 */
export function idNumberOf(k, unknown = false) {
  const area = AREAS[k % AREAS.length];
  const r = Math.floor(k / AREAS.length);
  const day = r % DAYS;
  const sequence = Math.floor(r / DAYS) + (unknown ? 500 : 0);
  if (sequence > (unknown ? 999 : 499)) throw new Error(`ID number index ${k} out of range`);
  const birth = new Date(BIRTH_BASE + day * 86_400_000);
  const date = `${birth.getUTCFullYear()}${String(birth.getUTCMonth() + 1).padStart(2, '0')}${String(birth.getUTCDate()).padStart(2, '0')}`;
  const first17 = `${area}${date}${String(sequence).padStart(3, '0')}`;
  return first17 + checkDigit(first17);
}

/** an ID number with a wrong check digit */
export function withWrongCheckDigit(id) {
  const right = id[17];
  const wrong = CHECK_CHARS[(CHECK_CHARS.indexOf(right) + 1 + (id.charCodeAt(10) % 9)) % 11];
  return id.slice(0, 17) + wrong;
}

const SURNAMES = ['李', '王', '张', '杨', '刘', '陈', '马', '赵', '保', '普', '何', '段', '沈', '周', '罗', '孙', '吴', '黄', '朱', '徐', '丁', '纳', '余', '苏'];
const GIVEN = ['国', '文', '明', '华', '建', '平', '志', '云', '林', '兴', '秀', '英', '丽', '芳', '兰', '珍', '梅', '琼', '艳', '红', '富', '贵', '荣', '忠'];
export function nameOf(k, salt = 7) {
  const x = mix(k, salt);
  return SURNAMES[x % SURNAMES.length] + GIVEN[(x >>> 8) % GIVEN.length] + (x & 1 ? GIVEN[(x >>> 16) % GIVEN.length] : '');
}

// ---------------------------------------------------------------- COPY text rows of the registry

const RELATIONS = ['HEAD', 'SPOUSE', 'CHILD', 'CHILD', 'PARENT'];
const LABOUR = ['ORDINARY', 'ORDINARY', 'SKILLED', 'WEAK', 'LOST', 'NONE'];

/**
 * COPY text for households [from, to): household i lives in grid i mod G with number grid + sequence (the server's
 * household number: grid code and 4 digits), its members start at `memberFrom`.
 * Columns: id, county_code, household_number, region_code, address, head_member_id, phone_encrypted, phone_hash,
 * household_type, monitoring_type, risk_types, no_labour_capacity, relocated
 */
export function householdRows(crypto, { from, to, memberFrom, grids, firstSequence }) {
  const lines = [];
  let k = memberFrom;
  for (let i = from; i < to; i++) {
    const g = i % grids.length;
    const grid = grids[g];
    const sequence = firstSequence[g] + Math.floor(i / grids.length);
    if (sequence > 9999) throw new Error(`grid ${grid} would hold more than 9999 households: add grids or counties`);
    const monitored = isMonitored(i);
    const outOfPoverty = isOutOfPoverty(i);
    let phoneEncrypted = '\\N';
    let phoneHash = '\\N';
    if (mix(i, 4) % 100 < 85) {
      const phone = `1${3 + (mix(i, 5) % 7)}${String(mix(i, 6) % 1_000_000_000).padStart(9, '0')}`;
      phoneEncrypted = crypto.encrypt(phone);
      phoneHash = crypto.lookupHash(phone);
    }
    const monitoringType = monitored ? (outOfPoverty ? ['UNSTABLE_OUT_OF_POVERTY', 'SUDDEN_HARDSHIP'] : ['MARGINAL', 'SUDDEN_HARDSHIP'])[mix(i, 8) & 1] : '\\N';
    const risks = monitored ? '["ILLNESS"]' : '[]';
    lines.push(
      `${householdId(i)}\t${grid.slice(0, 6)}\t${grid}${String(sequence).padStart(4, '0')}\t${grid}\t基准村${sequence}号\t${memberId(k)}\t` +
        `${phoneEncrypted}\t${phoneHash}\t${outOfPoverty ? 'OUT_OF_POVERTY' : 'ORDINARY'}\t${monitoringType}\t${risks}\tf\tf\n`,
    );
    k += householdSize(i);
  }
  return lines.join('');
}

/**
 * COPY text for the members of households [from, to), the first member index being `memberFrom`.
 * Columns: id, county_code, household_id, name, id_number_encrypted, id_number_hash, relation, sex, birth_date,
 * labour_capacity, medical_insurance, serious_illness_insurance
 */
export function memberRows(crypto, { from, to, memberFrom, grids }) {
  const lines = [];
  let k = memberFrom;
  for (let i = from; i < to; i++) {
    const grid = grids[i % grids.length];
    const size = householdSize(i);
    const household = householdId(i);
    for (let j = 0; j < size; j++, k++) {
      const id = idNumberOf(k);
      const sex = Number(id[16]) % 2 === 1 ? 'MALE' : 'FEMALE';
      const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
      lines.push(
        `${memberId(k)}\t${grid.slice(0, 6)}\t${household}\t${nameOf(k)}\t${crypto.encrypt(id)}\t${crypto.lookupHash(id)}\t` +
          `${RELATIONS[j]}\t${sex}\t${birth}\t${LABOUR[mix(k, 9) % LABOUR.length]}\tt\tt\n`,
      );
    }
  }
  return lines.join('');
}

export const HOUSEHOLD_COLUMNS =
  'id, county_code, household_number, region_code, address, head_member_id, phone_encrypted, phone_hash, household_type, monitoring_type, risk_types, no_labour_capacity, relocated';
export const MEMBER_COLUMNS =
  'id, county_code, household_id, name, id_number_encrypted, id_number_hash, relation, sex, birth_date, labour_capacity, medical_insurance, serious_illness_insurance';
