import { Injectable } from '@nestjs/common';
import argon2 from 'argon2';

/** At least 8 characters with at least one letter and one digit (the message the apps show as it is). */
export const PASSWORD_PATTERN = /^(?=.*[A-Za-z])(?=.*[0-9]).{8,128}$/;
export const PASSWORD_MESSAGE = '密码至少8位，且须同时包含字母和数字';

// argon2id with the OWASP minimum (19 MiB, 2 passes): ~45 ms per hash on the 2-core reference machine
const HASH_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

@Injectable()
export class PasswordService {
  // made at start so that the first unknown-user login is not the slow one
  private readonly dummyHash = argon2.hash('jiuzhu-dummy-password-1', HASH_OPTIONS);

  isAcceptable(password: string): boolean {
    return PASSWORD_PATTERN.test(password);
  }

  hash(password: string): Promise<string> {
    return argon2.hash(password, HASH_OPTIONS);
  }

  /**
   * Verifies against the stored hash, or against a dummy hash when there is none (unknown user, WeChat-only
   * account), so that the answer takes about as long either way and does not tell which usernames exist.
   */
  async verify(hash: string | null | undefined, password: string): Promise<boolean> {
    if (!hash) {
      await argon2.verify(await this.dummyHash, password).catch(() => false);
      return false;
    }
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }
}
