import { Check, Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { DatasetColumnType, Department } from '@jiuzhu/shared';

const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

/** One column a department file must (or may) carry: its key in the API, its Chinese header in the file, its type. */
export interface DatasetColumn {
  /** the name in JSON rows, rules and the stored record, e.g. 'selfPaid' */
  key: string;
  /** the header in the department's file, e.g. '自付费用' */
  header: string;
  type: DatasetColumnType;
  required: boolean;
  /** enum: the values allowed (the Chinese words the departments write) */
  values?: string[];
  /** string: longest length; integer/decimal: largest value */
  max?: number;
  /** integer/decimal: smallest value (default 0) */
  min?: number;
  /** a line of help for the upload page */
  note?: string;
}

/**
 * A kind of department record (数据集): who sends it and the columns of its file. Configuration as data, seeded by a
 * migration; adding a kind is a new row (and a rule), never code. Exactly one column has type idNumber.
 */
@Entity({ name: 'exchange_datasets' })
@Check('CHK_exchange_datasets_department', `"department" IN (${list(Object.values(Department))})`)
@Check('CHK_exchange_datasets_columns', `jsonb_typeof("columns") = 'array'`)
export class ExchangeDataset {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  code: string;

  @Column({ type: 'varchar', length: 32 })
  department: Department;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 500, default: '' })
  description: string;

  @Column({ type: 'jsonb' })
  columns: DatasetColumn[];

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
