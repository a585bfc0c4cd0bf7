import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEnum, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { Department, Role } from '@jiuzhu/shared';
import { PASSWORD_MESSAGE, PASSWORD_PATTERN } from '../password.service.js';
import { IsMobile, REGION_CODE_MESSAGE, REGION_CODE_PATTERN, USERNAME_MESSAGE, USERNAME_PATTERN } from './validators.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateAccountDto {
  @ApiProperty({ example: 'gw-lijiacun-01', description: '登录用户名（不区分大小写）' })
  @Transform(trim)
  @IsString({ message: '用户名必须是文字' })
  @Matches(USERNAME_PATTERN, { message: USERNAME_MESSAGE })
  username: string;

  @ApiProperty({ example: 'Yunnan2025', description: PASSWORD_MESSAGE })
  @IsString({ message: '密码必须是文字' })
  @Matches(PASSWORD_PATTERN, { message: PASSWORD_MESSAGE })
  password: string;

  @ApiProperty({ enum: Role, enumName: 'Role' })
  @IsEnum(Role, { message: '角色不是允许的取值' })
  role: Role;

  @ApiPropertyOptional({ enum: Department, enumName: 'Department', description: '行业部门账户的所属部门（如 MEDICAL_INSURANCE 医保）；其他角色不填' })
  @IsOptional()
  @IsEnum(Department, { message: '所属部门不是允许的取值' })
  department?: Department;

  @ApiPropertyOptional({ example: '530129103201', description: '干部所在地区代码（群众账户不填）' })
  @IsOptional()
  @IsString({ message: '地区代码必须是文字' })
  @Matches(REGION_CODE_PATTERN, { message: REGION_CODE_MESSAGE })
  regionCode?: string;

  @ApiProperty({ example: '李网格' })
  @Transform(trim)
  @IsString({ message: '姓名必须是文字' })
  @MinLength(1, { message: '姓名不能为空' })
  @MaxLength(64, { message: '姓名不能超过64个字' })
  displayName: string;

  @ApiPropertyOptional({ example: '13812345678' })
  @IsOptional()
  @IsMobile()
  phone?: string;

  @ApiPropertyOptional({ example: 'LiWangGe', description: '企业微信 userid，关联后可用企业微信登录' })
  @IsOptional()
  @IsString({ message: '企业微信账号必须是文字' })
  @MinLength(1, { message: '企业微信账号不能为空' })
  @MaxLength(64, { message: '企业微信账号不能超过64个字符' })
  wecomUserid?: string;
}
