import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One problem of a bad row: the column (its header) or null for the whole row, and the reason in Chinese. */
export interface RowProblem {
  column: string | null;
  reason: string;
}

/** A bad row of a batch: its number, every problem, and the row as sent with the ID number masked. */
@Entity({ name: 'exchange_row_errors' })
@Index('UQ_exchange_row_errors_batch_row', ['batchId', 'rowNumber'], { unique: true })
export class ExchangeRowError {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ name: 'batch_id', type: 'uuid' })
  batchId: string;

  @Column({ name: 'row_number', type: 'integer' })
  rowNumber: number;

  @Column({ type: 'jsonb' })
  problems: RowProblem[];

  /** header → value as sent, the ID number masked */
  @Column({ type: 'jsonb' })
  row: Record<string, string>;
}
