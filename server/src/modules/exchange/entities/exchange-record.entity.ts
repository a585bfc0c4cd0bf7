import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A good row of a batch, staged by COPY (the ID number only encrypted and as the registry's keyed hash), then matched
 * to a member in one UPDATE ... FROM per batch. county_code is set by the match (the scale-out column of the
 * records that concern a household); unmatched rows keep null.
 */
@Entity({ name: 'exchange_records' })
@Index('UQ_exchange_records_batch_row', ['batchId', 'rowNumber'], { unique: true })
export class ExchangeRecord {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ name: 'batch_id', type: 'uuid' })
  batchId: string;

  /** the row in the file (the header is row 1) or the index in the JSON rows (from 1) */
  @Column({ name: 'row_number', type: 'integer' })
  rowNumber: number;

  /** keyed hash of the 18-character resident ID, exactly as members.id_number_hash */
  @Column({ name: 'id_hash', type: 'varchar', length: 64 })
  idHash: string;

  /** AES-GCM ciphertext (CryptoService) of the ID number as sent (normalised) */
  @Column({ name: 'id_encrypted', type: 'text' })
  idEncrypted: string;

  /** masked for reports, e.g. 5301**********1234 */
  @Column({ name: 'id_masked', type: 'varchar', length: 24 })
  idMasked: string;

  @Column({ type: 'varchar', length: 50, default: '' })
  name: string;

  /** the other columns by key, typed (numbers, 'YYYY-MM-DD', 'YYYY-MM', booleans, strings) */
  @Column({ type: 'jsonb' })
  fields: Record<string, unknown>;

  @Column({ name: 'member_id', type: 'uuid', nullable: true })
  memberId: string | null;

  @Column({ name: 'household_id', type: 'uuid', nullable: true })
  householdId: string | null;

  @Column({ name: 'county_code', type: 'varchar', length: 6, nullable: true })
  countyCode: string | null;

  /** the household's grid */
  @Column({ name: 'region_code', type: 'varchar', length: 15, nullable: true })
  regionCode: string | null;
}
