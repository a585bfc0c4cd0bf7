import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Department } from '@jiuzhu/shared';

const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * A department system's key (X-Api-Key), made by an administrator: shown once, stored only as its sha256, scoped to
 * a department, some of its datasets and a region prefix, revocable.
 */
@Entity({ name: 'exchange_api_keys' })
@Check('CHK_exchange_api_keys_department', `"department" IN (${list(Object.values(Department))})`)
@Check('CHK_exchange_api_keys_datasets', `jsonb_typeof("datasets") = 'array'`)
export class ExchangeApiKey {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 32 })
  department: Department;

  /** dataset codes the key may send */
  @Column({ type: 'jsonb' })
  datasets: string[];

  /** region prefix the key's rows must fall in (2 to 12 digits) */
  @Column({ name: 'region_code', type: 'varchar', length: 15 })
  regionCode: string;

  /** the first characters of the key, to tell keys apart in lists */
  @Column({ name: 'key_prefix', type: 'varchar', length: 16 })
  keyPrefix: string;

  /** sha256 of the whole key (the key is random: no slow hash needed) */
  @Index('UQ_exchange_api_keys_hash', { unique: true })
  @Column({ name: 'key_hash', type: 'varchar', length: 64 })
  keyHash: string;

  @Column({ name: 'created_by_account_id', type: 'uuid' })
  createdByAccountId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'revoked_by_account_id', type: 'uuid', nullable: true })
  revokedByAccountId: string | null;
}
