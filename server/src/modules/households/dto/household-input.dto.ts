import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { HouseholdType, MAX_RISK_TYPES, MonitoringType, Relation, RiskType } from '@jiuzhu/shared';
import { PageQueryDto } from '../../../common/http/pagination.js';
import { MemberInputDto } from './member-input.dto.js';
import { HasExactlyOneHead, IsMobile } from './validators.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export const MAX_MEMBERS = 30;

export class CreateHouseholdDto {
  @ApiProperty({ description: '所属网格（村民小组）代码，15位', example: '530129103001001' })
  @Matches(/^[0-9]{15}$/, { message: '网格代码应为15位数字' })
  regionCode: string;

  @ApiProperty({ example: '羊街镇羊街村委会大村12号' })
  @Transform(trim)
  @IsString({ message: '住址必须是文字' })
  @IsNotEmpty({ message: '住址不能为空' })
  @MaxLength(200, { message: '住址最多200个字' })
  address: string;

  @ApiPropertyOptional({ description: '联系电话（手机）', example: '13812345678' })
  @IsOptional()
  @IsMobile()
  phone?: string | null;

  @ApiProperty({ enum: HouseholdType, enumName: 'HouseholdType' })
  @IsEnum(HouseholdType, { message: '户类型不是允许的取值' })
  householdType: HouseholdType;

  @ApiPropertyOptional({ enum: RiskType, enumName: 'RiskType', isArray: true, maxItems: MAX_RISK_TYPES })
  @IsOptional()
  @IsArray({ message: '风险类型必须是列表' })
  @ArrayMaxSize(MAX_RISK_TYPES, { message: `风险类型最多${MAX_RISK_TYPES}项` })
  @ArrayUnique({ message: '风险类型不能重复' })
  @IsEnum(RiskType, { each: true, message: '风险类型不是允许的取值' })
  riskTypes?: RiskType[];

  @ApiPropertyOptional({ description: '整户无劳动能力' })
  @IsOptional()
  @IsBoolean({ message: '整户无劳动能力必须是是或否' })
  noLabourCapacity?: boolean;

  @ApiPropertyOptional({ description: '易地搬迁户' })
  @IsOptional()
  @IsBoolean({ message: '易地搬迁必须是是或否' })
  relocated?: boolean;

  @ApiProperty({ type: [MemberInputDto], description: '家庭成员，恰好一名户主' })
  @IsArray({ message: '家庭成员必须是列表' })
  @ArrayMinSize(1, { message: '至少登记一名家庭成员（户主）' })
  @ArrayMaxSize(MAX_MEMBERS, { message: `家庭成员最多${MAX_MEMBERS}人` })
  @HasExactlyOneHead()
  @ValidateNested({ each: true })
  @Type(() => MemberInputDto)
  members: MemberInputDto[];
}

/** PATCH of a household: any field, plus the version read (a stale version gets 409). */
export class UpdateHouseholdDto {
  @ApiProperty({ description: '读取时的版本号（乐观锁）', example: 1 })
  @IsInt({ message: '版本号必须是整数' })
  @Min(1, { message: '版本号最小为1' })
  version: number;

  @ApiPropertyOptional({ description: '迁到本县另一网格', example: '530129103001002' })
  @IsOptional()
  @Matches(/^[0-9]{15}$/, { message: '网格代码应为15位数字' })
  regionCode?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString({ message: '住址必须是文字' })
  @IsNotEmpty({ message: '住址不能为空' })
  @MaxLength(200, { message: '住址最多200个字' })
  address?: string;

  @ApiPropertyOptional({ description: '联系电话；null 清除', nullable: true, type: String })
  @IsOptional()
  @IsMobile()
  phone?: string | null;

  @ApiPropertyOptional({ enum: HouseholdType, enumName: 'HouseholdType' })
  @IsOptional()
  @IsEnum(HouseholdType, { message: '户类型不是允许的取值' })
  householdType?: HouseholdType;

  @ApiPropertyOptional({ enum: RiskType, enumName: 'RiskType', isArray: true, maxItems: MAX_RISK_TYPES })
  @IsOptional()
  @IsArray({ message: '风险类型必须是列表' })
  @ArrayMaxSize(MAX_RISK_TYPES, { message: `风险类型最多${MAX_RISK_TYPES}项` })
  @ArrayUnique({ message: '风险类型不能重复' })
  @IsEnum(RiskType, { each: true, message: '风险类型不是允许的取值' })
  riskTypes?: RiskType[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: '整户无劳动能力必须是是或否' })
  noLabourCapacity?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: '易地搬迁必须是是或否' })
  relocated?: boolean;

  @ApiPropertyOptional({ description: '变更户主：新户主的成员编号（须为本户成员）' })
  @IsOptional()
  @IsUUID('all', { message: '成员编号格式不正确' })
  headMemberId?: string;

  @ApiPropertyOptional({ enum: Relation, enumName: 'Relation', description: '变更户主时，原户主与新户主的关系（必填）' })
  @IsOptional()
  @IsEnum(Relation, { message: '原户主的关系不是允许的取值' })
  formerHeadRelation?: Relation;
}

export class HouseholdListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: '地区代码（须在本人辖区内），按前缀筛选', example: '530129103' })
  @IsOptional()
  @Matches(/^[0-9]{2,15}$/, { message: '地区代码应为2到15位数字' })
  region?: string;

  @ApiPropertyOptional({
    description:
      '查询：成员姓名（至少3个字，按开头匹配）、完整的身份证号码或残疾人证号、11位手机号码、或19位户编号（均为精确匹配）',
  })
  @IsOptional()
  @Transform(trim)
  @IsString({ message: '查询内容必须是文字' })
  @MaxLength(50, { message: '查询内容过长' })
  q?: string;

  @ApiPropertyOptional({ enum: HouseholdType, enumName: 'HouseholdType' })
  @IsOptional()
  @IsEnum(HouseholdType, { message: '户类型不是允许的取值' })
  type?: HouseholdType;

  @ApiPropertyOptional({ enum: MonitoringType, enumName: 'MonitoringType' })
  @IsOptional()
  @IsEnum(MonitoringType, { message: '监测对象类型不是允许的取值' })
  monitoringType?: MonitoringType;
}
