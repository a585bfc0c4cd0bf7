import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One try of a citizen to bind to a household member (name + ID number). Counted per account and per IP
 * over a sliding window so that ID numbers cannot be guessed; kept in the database so that every API
 * server sees the same counts.
 */
@Entity({ name: 'binding_attempts' })
@Index('IDX_binding_attempts_account_time', ['accountId', 'createdAt'])
@Index('IDX_binding_attempts_ip_time', ['ip', 'createdAt'])
export class BindingAttempt {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @Column({ type: 'varchar', length: 64 })
  ip: string;

  @Column({ type: 'boolean', default: false })
  succeeded: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
