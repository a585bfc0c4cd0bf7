import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Account } from './account.entity.js';

/** Why a session stopped working (kept for the audit trail and for reuse detection). */
export enum SessionRevokeReason {
  /** replaced by the next refresh token of the same chain (normal rotation) */
  ROTATED = 'ROTATED',
  LOGOUT = 'LOGOUT',
  /** a rotated refresh token was presented again: the whole chain is revoked */
  REUSE_DETECTED = 'REUSE_DETECTED',
  /** an administrator revoked the account's sessions (lost phone) */
  ADMIN = 'ADMIN',
  ACCOUNT_DISABLED = 'ACCOUNT_DISABLED',
  PASSWORD_RESET = 'PASSWORD_RESET',
}

/**
 * One refresh token. Login starts a chain (family_id = the first session's id); each refresh revokes the
 * presented session (ROTATED) and inserts the next one in the same chain. Only the SHA-256 of the token
 * is stored. Access tokens name the session they came from (`sid`), and stay valid only while their chain
 * still has a live session.
 */
@Entity({ name: 'auth_sessions' })
@Index('IDX_auth_sessions_family_live', ['familyId', 'revokedAt'])
export class Session {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Index('IDX_auth_sessions_account_id')
  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'FK_auth_sessions_account' })
  account?: Account;

  @Column({ name: 'family_id', type: 'uuid' })
  familyId: string;

  @Index('UQ_auth_sessions_token_hash', { unique: true })
  @Column({ name: 'token_hash', type: 'char', length: 64 })
  tokenHash: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'revoked_reason', type: 'varchar', length: 32, nullable: true })
  revokedReason: SessionRevokeReason | null;

  @Column({ name: 'user_agent', type: 'varchar', length: 512, nullable: true })
  userAgent: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
