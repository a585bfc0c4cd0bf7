import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { RegionLevel } from '@jiuzhu/shared';

const LEVEL_LIST = Object.values(RegionLevel)
  .map((level) => `'${level}'`)
  .join(', ');

/**
 * One administrative region or grid (DOMAIN.md "Regions"). The code is a path: a region contains every code
 * that starts with its own, so scoping is a prefix test (`code LIKE '5301%'`).
 */
@Entity({ name: 'regions' })
@Check('CHK_regions_level', `"level" IN (${LEVEL_LIST})`)
@Check('CHK_regions_code_digits', `"code" ~ '^[0-9]{2,15}$'`)
// code varchar_pattern_ops, created by hand in the migration: lets LIKE 'prefix%' use an index whatever the collation
@Index('IDX_regions_code_pattern', { synchronize: false })
export class Region {
  @PrimaryColumn({ type: 'varchar', length: 15 })
  code: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  level: RegionLevel;

  @Index('IDX_regions_parent_code')
  @Column({ name: 'parent_code', type: 'varchar', length: 15, nullable: true })
  parentCode: string | null;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'parent_code', foreignKeyConstraintName: 'FK_regions_parent' })
  parent?: Region | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
