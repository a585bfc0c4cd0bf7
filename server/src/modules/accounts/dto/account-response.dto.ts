import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Department, Role } from '@jiuzhu/shared';

export class AccountResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ nullable: true, type: String }) username: string | null;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: Role, enumName: 'Role' }) role: Role;
  @ApiProperty({ description: '角色中文名', example: '网格员' }) roleLabel: string;
  @ApiProperty({ nullable: true, type: String, description: '干部的地区；已绑定群众为其户所在村' }) regionCode: string | null;
  @ApiProperty({ nullable: true, enum: Department, enumName: 'Department', description: '行业部门账户的所属部门' }) department: Department | null;
  @ApiProperty({ nullable: true, type: String, description: '所属部门中文名，如 医保' }) departmentLabel: string | null;
  @ApiProperty({ nullable: true, type: String, description: '脱敏手机号，如 138****5678' }) phone: string | null;
  @ApiProperty({ description: '已关联微信（群众）' }) wechatLinked: boolean;
  @ApiProperty({ nullable: true, type: String, description: '关联的企业微信 userid' }) wecomUserid: string | null;
  @ApiProperty({ description: '群众已绑定家庭成员' }) bound: boolean;
  @ApiProperty() isActive: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: '密码错误锁定至（未锁定为 null）' })
  lockedUntil: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lastLoginAt: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
}

export class AccountPageDto {
  @ApiProperty({ type: [AccountResponseDto] }) items: AccountResponseDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class RevokeSessionsResponseDto {
  @ApiProperty({ description: '注销的登录数' }) revoked: number;
}

export class MeBindingDto {
  @ApiProperty({ format: 'uuid' }) householdId: string;
  @ApiProperty({ description: '户编号' }) householdNumber: string;
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty({ description: '脱敏姓名，如 张*丰' }) memberName: string;
  @ApiProperty({ description: '所在村（社区）代码' }) villageCode: string;
  @ApiPropertyOptional({ nullable: true, type: String }) villageName: string | null;
}

/** GET /me and the `account` of every login answer. */
export class MeResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: Role, enumName: 'Role' }) role: Role;
  @ApiProperty() displayName: string;
  @ApiProperty({ nullable: true, type: String, description: '干部的辖区代码；群众为 null' }) regionCode: string | null;
  @ApiProperty({ nullable: true, type: String }) regionName: string | null;
  @ApiProperty({ nullable: true, type: MeBindingDto, description: '群众绑定的家庭成员；未绑定为 null' })
  binding: MeBindingDto | null;
}

/** GET /me/contact: the phone on the citizen's own household record, to prefill their request form. */
export class MeContactDto {
  @ApiProperty({ nullable: true, type: String, description: '户登记的联系电话（完整号码，仅本人可见，查看留痕）；未登记为 null' })
  phone: string | null;
  @ApiProperty({ nullable: true, type: String, description: '脱敏后的号码' }) phoneMasked: string | null;
}
