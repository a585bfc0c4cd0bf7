import { Injectable, Logger } from '@nestjs/common';
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomFillSync } from 'node:crypto';
import { AppConfigService } from '../../config/app-config.service.js';

const VERSION = 'v1';
// IVs are cut from a pool of random bytes refilled 4096 at a time: one randomBytes call per value cost more than the
// encryption itself when a department batch encrypts 200,000 ID numbers
const IV_BYTES = 12;
const IV_POOL_SIZE = IV_BYTES * 4096;

/**
 * Personal data at rest (DOMAIN.md: ID numbers, phones, health): AES-256-GCM with a random IV per value,
 * stored as `v1:<iv>:<tag>:<ciphertext>` (base64), plus a keyed hash (HMAC-SHA256 with a key derived
 * from the same secret) for exact-match lookup without decrypting.
 */
@Injectable()
export class CryptoService {
  private readonly logger = new Logger(CryptoService.name);
  private readonly encryptionKey: Buffer;
  private readonly hashKey: Buffer;
  private readonly ivPool = Buffer.alloc(IV_POOL_SIZE);
  private ivOffset = IV_POOL_SIZE;

  constructor(config: AppConfigService) {
    const configured = config.get('ENCRYPTION_KEY');
    let master: Buffer;
    if (configured) {
      master = Buffer.from(configured, 'base64');
    } else {
      // development and tests only (production refuses to start without a key, see env.validation.ts)
      this.logger.warn('ENCRYPTION_KEY is not set: using the development key. Never do this in production.');
      master = createHash('sha256').update('jiuzhu-development-key').digest();
    }
    this.encryptionKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'jiuzhu:encrypt', 32));
    this.hashKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'jiuzhu:lookup-hash', 32));
  }

  encrypt(plain: string): string;
  encrypt(plain: string | null | undefined): string | null;
  encrypt(plain: string | null | undefined): string | null {
    if (plain === null || plain === undefined || plain === '') return null;
    if (this.ivOffset >= IV_POOL_SIZE) {
      randomFillSync(this.ivPool);
      this.ivOffset = 0;
    }
    // a copy: the cipher must not see the pool change under it
    const iv = Buffer.from(this.ivPool.subarray(this.ivOffset, (this.ivOffset += IV_BYTES)));
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), data.toString('base64')].join(':');
  }

  decrypt(stored: string): string;
  decrypt(stored: string | null | undefined): string | null;
  decrypt(stored: string | null | undefined): string | null {
    if (!stored) return null;
    const [version, iv, tag, data] = stored.split(':');
    if (version !== VERSION || !iv || !tag || data === undefined) throw new Error('unknown ciphertext format');
    const decipher = createDecipheriv('aes-256-gcm', this.encryptionKey, Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
  }

  /** Keyed hash for exact lookup; callers normalise first (upper-case X in ID numbers, 11-digit phones). */
  lookupHash(value: string): string;
  lookupHash(value: string | null | undefined): string | null;
  lookupHash(value: string | null | undefined): string | null {
    if (!value) return null;
    return createHmac('sha256', this.hashKey).update(value).digest('hex');
  }

  /** The raw hash key, for set-based SQL matching that computes the same HMAC in bulk (exchange module). */
  get lookupHashKeyHex(): string {
    return this.hashKey.toString('hex');
  }
}
