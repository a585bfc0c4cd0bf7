import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An uploaded file (photo, PDF): the bytes live in the file store under their sha256, this row says whose they
 * are and, once attached, to which record (claim, case, ticket ...) and region they belong.
 */
@Entity({ name: 'stored_files' })
@Check(
  'CHK_stored_files_attachment',
  `("attached_entity_type" IS NULL AND "attached_entity_id" IS NULL AND "region_code" IS NULL AND "attached_at" IS NULL)
   OR ("attached_entity_type" IS NOT NULL AND "attached_entity_id" IS NOT NULL AND "region_code" IS NOT NULL AND "attached_at" IS NOT NULL)`,
)
@Check('CHK_stored_files_county_of_region', `"county_code" IS NULL OR "county_code" = left("region_code", 6)`)
@Check('CHK_stored_files_size', `"size" >= 0`)
@Index('IDX_stored_files_attached', ['attachedEntityType', 'attachedEntityId'])
@Index('IDX_stored_files_owner', ['ownerAccountId', 'createdAt'])
export class StoredFile {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'owner_account_id', type: 'uuid' })
  ownerAccountId: string;

  /** sniffed from the content, never taken from the upload's name or header */
  @Column({ type: 'varchar', length: 64 })
  mime: string;

  @Column({ type: 'integer' })
  size: number;

  @Index('IDX_stored_files_sha256')
  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  @Column({ name: 'original_name', type: 'varchar', length: 255 })
  originalName: string;

  @Column({ name: 'attached_entity_type', type: 'varchar', length: 32, nullable: true })
  attachedEntityType: string | null;

  @Column({ name: 'attached_entity_id', type: 'varchar', length: 64, nullable: true })
  attachedEntityId: string | null;

  /** the region of the record it is attached to: cadres whose scope covers it may read the file */
  @Column({ name: 'region_code', type: 'varchar', length: 15, nullable: true })
  regionCode: string | null;

  @Column({ name: 'county_code', type: 'varchar', length: 6, nullable: true })
  countyCode: string | null;

  @Column({ name: 'attached_at', type: 'timestamptz', nullable: true })
  attachedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
