import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEnum, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { Department, Role } from '@jiuzhu/shared';
import { PASSWORD_MESSAGE, PASSWORD_PATTERN } from '../password.service.js';
import { IsMobile, REGION_CODE_MESSAGE, REGION_CODE_PATTERN } from './validators.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Only the fields sent are changed; phone and wecomUserid accept null to clear them. */
export class UpdateAccountDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString({ message: '姓名必须是文字' })
  @MinLength(1, { message: '姓名不能为空' })
  @MaxLength(64, { message: '姓名不能超过64个字' })
  displayName?: string;

  @ApiPropertyOptional({ enum: Role, enumName: 'Role' })
  @IsOptional()
  @IsEnum(Role, { message: '角色不是允许的取值' })
  role?: Role;

  @ApiPropertyOptional({ enum: Department, enumName: 'Department', description: '行业部门账户的所属部门（如 MEDICAL_INSURANCE 医保）；其他角色不填' })
  @IsOptional()
  @IsEnum(Department, { message: '所属部门不是允许的取值' })
  department?: Department;

  @ApiPropertyOptional({ example: '530129103' })
  @IsOptional()
  @IsString({ message: '地区代码必须是文字' })
  @Matches(REGION_CODE_PATTERN, { message: REGION_CODE_MESSAGE })
  regionCode?: string;

  @ApiPropertyOptional({ description: 'false 停用账户（同时注销其全部登录）' })
  @IsOptional()
  @IsBoolean({ message: '是否启用必须是 true 或 false' })
  isActive?: boolean;

  @ApiPropertyOptional({ description: `重置密码（${PASSWORD_MESSAGE}）；重置后该账户的全部登录失效` })
  @IsOptional()
  @IsString({ message: '密码必须是文字' })
  @Matches(PASSWORD_PATTERN, { message: PASSWORD_MESSAGE })
  password?: string;

  @ApiPropertyOptional({ nullable: true, example: '13812345678' })
  @ValidateIf((_, value) => value !== undefined && value !== null)
  @IsMobile()
  phone?: string | null;

  @ApiPropertyOptional({ nullable: true, description: '企业微信 userid；null 取消关联' })
  @ValidateIf((_, value) => value !== undefined && value !== null)
  @IsString({ message: '企业微信账号必须是文字' })
  @MinLength(1, { message: '企业微信账号不能为空' })
  @MaxLength(64, { message: '企业微信账号不能超过64个字符' })
  wecomUserid?: string | null;

  @ApiPropertyOptional({ description: 'true 解除因密码错误造成的锁定' })
  @IsOptional()
  @IsBoolean({ message: '解锁必须是 true 或 false' })
  unlock?: boolean;
}
