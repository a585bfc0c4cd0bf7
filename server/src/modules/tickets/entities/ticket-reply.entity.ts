import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Role } from '@jiuzhu/shared';
import { Account } from '../../accounts/entities/account.entity.js';
import { Ticket } from './ticket.entity.js';

const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

/** One message of a ticket's thread: a cadre's answer or the citizen's follow-up. */
@Entity({ name: 'ticket_replies' })
@Check('CHK_ticket_replies_role', `"author_role" IN (${list(Object.values(Role))})`)
@Index('IDX_ticket_replies_ticket', ['countyCode', 'ticketId', 'createdAt'])
export class TicketReply {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'county_code', type: 'varchar', length: 6 })
  countyCode: string;

  @Column({ name: 'ticket_id', type: 'uuid' })
  ticketId: string;

  @ManyToOne(() => Ticket, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn([
    { name: 'county_code', referencedColumnName: 'countyCode', foreignKeyConstraintName: 'FK_ticket_replies_ticket' },
    { name: 'ticket_id', referencedColumnName: 'id', foreignKeyConstraintName: 'FK_ticket_replies_ticket' },
  ])
  ticket?: Ticket;

  @Column({ name: 'author_account_id', type: 'uuid' })
  authorAccountId: string;

  @ManyToOne(() => Account, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'author_account_id', foreignKeyConstraintName: 'FK_ticket_replies_author' })
  author?: Account;

  @Column({ name: 'author_role', type: 'varchar', length: 32 })
  authorRole: Role;

  @Column({ type: 'varchar', length: 2000 })
  body: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
