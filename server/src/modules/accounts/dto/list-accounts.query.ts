import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { Role } from '@jiuzhu/shared';
import { PageQueryDto } from '../../../common/http/pagination.js';
import { REGION_CODE_MESSAGE, REGION_CODE_PATTERN } from './validators.js';

export class ListAccountsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: Role, enumName: 'Role' })
  @IsOptional()
  @IsEnum(Role, { message: '角色不是允许的取值' })
  role?: Role;

  @ApiPropertyOptional({ description: '地区代码（含下级），须在本人辖区内', example: '530129' })
  @IsOptional()
  @Matches(REGION_CODE_PATTERN, { message: REGION_CODE_MESSAGE })
  region?: string;

  @ApiPropertyOptional({ description: '用户名或姓名的一部分，或完整手机号' })
  @IsOptional()
  @IsString({ message: '搜索内容必须是文字' })
  @MaxLength(64, { message: '搜索内容不能超过64个字' })
  q?: string;
}
