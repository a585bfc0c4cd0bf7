import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Department, Role } from '@jiuzhu/shared';

const ROLE_LIST = Object.values(Role)
  .map((role) => `'${role}'`)
  .join(', ');
const DEPARTMENT_LIST = Object.values(Department)
  .map((department) => `'${department}'`)
  .join(', ');

/**
 * A login of anyone who uses Jiuzhu: cadres (username + password, optionally linked to WeCom) and citizens
 * (WeChat openid, optionally bound to a household member after checking name + ID number).
 */
@Entity({ name: 'accounts' })
@Check('CHK_accounts_role', `"role" IN (${ROLE_LIST})`)
@Check('CHK_accounts_cadre_region', `"role" = 'CITIZEN' OR "region_code" IS NOT NULL`)
@Check('CHK_accounts_department', `"department" IS NULL OR "department" IN (${DEPARTMENT_LIST})`)
@Check('CHK_accounts_binding', `("household_id" IS NULL) = ("member_id" IS NULL)`)
// region_code varchar_pattern_ops, created by hand in the migration: the administrators' prefix filter (LIKE '5301%')
@Index('IDX_accounts_region_pattern', { synchronize: false })
export class Account {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** login name of cadres; citizens who came through WeChat have none */
  @Index('UQ_accounts_username', { unique: true })
  @Column({ type: 'varchar', length: 64, nullable: true })
  username: string | null;

  @Column({ name: 'display_name', type: 'varchar', length: 64 })
  displayName: string;

  @Column({ type: 'varchar', length: 32 })
  role: Role;

  /**
   * Cadres: the region they act in (prefix scope). Citizens: the village of the bound household (null while
   * unbound), kept so that an administrator's region-scoped account list includes them.
   */
  @Column({ name: 'region_code', type: 'varchar', length: 15, nullable: true })
  regionCode: string | null;

  /** department operators: the department whose data they deliver (数据共享中心); null for every other role */
  @Column({ type: 'varchar', length: 32, nullable: true })
  department: Department | null;

  /** argon2id; null for accounts that only log in through WeChat or WeCom */
  @Column({ name: 'password_hash', type: 'varchar', length: 255, nullable: true })
  passwordHash: string | null;

  @Column({ name: 'failed_login_count', type: 'integer', default: 0 })
  failedLoginCount: number;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @Index('UQ_accounts_wechat_openid', { unique: true })
  @Column({ name: 'wechat_openid', type: 'varchar', length: 64, nullable: true })
  wechatOpenid: string | null;

  @Column({ name: 'wechat_unionid', type: 'varchar', length: 64, nullable: true })
  wechatUnionid: string | null;

  @Index('UQ_accounts_wecom_userid', { unique: true })
  @Column({ name: 'wecom_userid', type: 'varchar', length: 64, nullable: true })
  wecomUserid: string | null;

  /** AES-GCM ciphertext (CryptoService); never the plain number */
  @Column({ name: 'phone_encrypted', type: 'text', nullable: true })
  phoneEncrypted: string | null;

  /** keyed hash of the 11-digit number, for exact-match search */
  @Index('IDX_accounts_phone_hash')
  @Column({ name: 'phone_hash', type: 'varchar', length: 64, nullable: true })
  phoneHash: string | null;

  /** citizens: the household and member the account is bound to (several accounts may share one member) */
  @Column({ name: 'household_id', type: 'uuid', nullable: true })
  householdId: string | null;

  @Index('IDX_accounts_member_id')
  @Column({ name: 'member_id', type: 'uuid', nullable: true })
  memberId: string | null;

  @Column({ name: 'bound_at', type: 'timestamptz', nullable: true })
  boundAt: Date | null;

  @Column({ name: 'is_active', type: 'boolean', default: true })
  isActive: boolean;

  @Column({ name: 'last_login_at', type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
