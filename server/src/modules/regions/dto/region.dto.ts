import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { RegionLevel } from '@jiuzhu/shared';
import { PageQueryDto } from '../../../common/http/pagination.js';

export class RegionChildrenQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: '上级地区代码；不填时返回省', example: '530129' })
  @IsOptional()
  @Matches(/^[0-9]{2,12}$/, { message: '上级地区代码应为2到12位数字' })
  parent?: string;
}

export class CreateGridDto {
  @ApiProperty({ description: '网格（村民小组）名称', example: '第三村民小组' })
  @IsString({ message: '网格名称必须是文字' })
  @IsNotEmpty({ message: '网格名称不能为空' })
  @MaxLength(50, { message: '网格名称最多50个字' })
  name: string;
}

export class RegionDto {
  @ApiProperty({ example: '530129103001' }) code: string;
  @ApiProperty({ example: '羊街社区居委会' }) name: string;
  @ApiProperty({ enum: RegionLevel, enumName: 'RegionLevel' }) level: RegionLevel;
  @ApiProperty({ nullable: true, type: String }) parentCode: string | null;
}

export class RegionPageDto {
  @ApiProperty({ type: [RegionDto] }) items: RegionDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class RegionDetailDto extends RegionDto {
  @ApiProperty({ type: [RegionDto], description: '从省到本级的路径（含本级）' }) path: RegionDto[];
  @ApiProperty({ example: '云南省 昆明市 寻甸回族彝族自治县', description: '路径名称，以空格分隔' }) fullName: string;
}
