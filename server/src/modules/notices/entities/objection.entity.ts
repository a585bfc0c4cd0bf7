import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Role } from '@jiuzhu/shared';
import { Account } from '../../accounts/entities/account.entity.js';
import { Notice } from './notice.entity.js';

const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * An objection 异议 to a notice. The author is always stored: `anonymous` hides them from the village (village
 * cadres, other citizens), never from county officers, administrators or the audit log. The case cannot leave
 * publicity while an objection has no answer.
 */
@Entity({ name: 'notice_objections' })
@Check('CHK_notice_objections_author_role', `"author_role" IN (${list(Object.values(Role))})`)
@Check(
  'CHK_notice_objections_answer',
  `("answer" IS NULL) = ("answered_at" IS NULL) AND ("answer" IS NULL) = ("answered_by" IS NULL)`,
)
@Index('IDX_notice_objections_notice', ['countyCode', 'noticeId', 'createdAt'])
@Index('IDX_notice_objections_author', ['authorAccountId'])
export class Objection {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'county_code', type: 'varchar', length: 6 })
  countyCode: string;

  @Column({ name: 'notice_id', type: 'uuid' })
  noticeId: string;

  @ManyToOne(() => Notice, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn([
    { name: 'county_code', referencedColumnName: 'countyCode', foreignKeyConstraintName: 'FK_notice_objections_notice' },
    { name: 'notice_id', referencedColumnName: 'id', foreignKeyConstraintName: 'FK_notice_objections_notice' },
  ])
  notice?: Notice;

  @Column({ name: 'author_account_id', type: 'uuid' })
  authorAccountId: string;

  @ManyToOne(() => Account, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'author_account_id', foreignKeyConstraintName: 'FK_notice_objections_author' })
  author?: Account;

  @Column({ name: 'author_role', type: 'varchar', length: 32 })
  authorRole: Role;

  @Column({ type: 'boolean', default: false })
  anonymous: boolean;

  @Column({ type: 'varchar', length: 500 })
  reason: string;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  answer: string | null;

  @Column({ name: 'answered_by', type: 'uuid', nullable: true })
  answeredBy: string | null;

  @ManyToOne(() => Account, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'answered_by', foreignKeyConstraintName: 'FK_notice_objections_answered_by' })
  answerer?: Account;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
