import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The first answer to a request sent with an `Idempotency-Key`: a retry with the same key gets it again instead of
 * a second write. The row is written in the same transaction as the work, so a work that failed leaves no key.
 */
@Entity({ name: 'idempotency_keys' })
export class IdempotencyKey {
  @PrimaryColumn({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @PrimaryColumn({ type: 'varchar', length: 128 })
  key: string;

  /** what the key was used for (e.g. 'claims.create') */
  @Column({ type: 'varchar', length: 64 })
  scope: string;

  /** sha256 of the scope and the request body: the same key with another request is refused */
  @Column({ name: 'request_hash', type: 'varchar', length: 64 })
  requestHash: string;

  /** null while the first request is still running (inside its transaction) */
  @Column({ name: 'response_status', type: 'smallint', nullable: true })
  responseStatus: number | null;

  @Column({ name: 'response_body', type: 'jsonb', nullable: true })
  responseBody: unknown;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Index('IDX_idempotency_keys_expires_at')
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}
