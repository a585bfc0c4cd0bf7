import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEnum,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { CaseSource, CaseStatus, CaseStep, DifficultyKind } from '@jiuzhu/shared';
import { PageQueryDto } from '../../../common/http/pagination.js';
import { IsIdNumber, IsMobile } from '../../households/dto/validators.js';
import { MAX_CASE_FILES, MAX_DESCRIPTION_LENGTH } from './claim-input.dto.js';
import { Trim } from './validators.js';

/** A household not registered yet: whom the case is about (the survey registers the household). */
export class ProposedHouseholdDto {
  @ApiProperty({ description: '当事人姓名' })
  @Trim()
  @IsString({ message: '当事人姓名必须是文字' })
  @IsNotEmpty({ message: '当事人姓名不能为空' })
  @MaxLength(50, { message: '当事人姓名最多50个字' })
  name: string;

  @ApiProperty({ description: '所在的村（12位）或网格（15位）代码' })
  @Matches(/^([0-9]{12}|[0-9]{15})$/, { message: '所在地区应为村（12位）或网格（15位）代码' })
  regionCode: string;

  @ApiPropertyOptional({ description: '住址' })
  @IsOptional()
  @Trim()
  @IsString({ message: '住址必须是文字' })
  @MaxLength(200, { message: '住址最多200个字' })
  address?: string | null;

  @ApiPropertyOptional({ description: '当事人的手机号码' })
  @IsOptional()
  @IsMobile()
  phone?: string | null;

  @ApiPropertyOptional({ description: '当事人的身份证号码（可与登记的户匹配）' })
  @IsOptional()
  @IsIdNumber()
  idNumber?: string | null;
}

/** POST /api/v1/cases: a cadre enters a case (any source: a paper request, a screening finding, a call ...). */
export class CreateCaseDto {
  @ApiProperty({ enum: CaseSource, enumName: 'CaseSource' })
  @IsEnum(CaseSource, { message: '案件来源不是允许的取值' })
  source: CaseSource;

  @ApiPropertyOptional({ format: 'uuid', description: '已登记的户；未登记时填 proposedHousehold' })
  @ValidateIf((o: CreateCaseDto) => o.householdId !== undefined || o.proposedHousehold === undefined)
  @IsNotEmpty({ message: '请选择户，或填写未登记户的当事人' })
  @IsUUID('all', { message: '户编号格式不正确' })
  householdId?: string;

  @ApiPropertyOptional({ type: ProposedHouseholdDto, description: '尚未登记的户（调查时登记）' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ProposedHouseholdDto)
  proposedHousehold?: ProposedHouseholdDto;

  @ApiPropertyOptional({ enum: DifficultyKind, enumName: 'DifficultyKind' })
  @IsOptional()
  @IsEnum(DifficultyKind, { message: '困难类别不是允许的取值' })
  difficultyKind?: DifficultyKind;

  @ApiProperty({ maxLength: MAX_DESCRIPTION_LENGTH })
  @Trim()
  @IsString({ message: '情况说明必须是文字' })
  @IsNotEmpty({ message: '情况说明不能为空' })
  @MaxLength(MAX_DESCRIPTION_LENGTH, { message: `情况说明最多${MAX_DESCRIPTION_LENGTH}个字` })
  description: string;

  @ApiPropertyOptional({ description: '联系电话' })
  @IsOptional()
  @IsMobile()
  contactPhone?: string | null;

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: MAX_CASE_FILES })
  @IsOptional()
  @IsArray({ message: '附件必须是列表' })
  @ArrayMaxSize(MAX_CASE_FILES, { message: `附件最多${MAX_CASE_FILES}个` })
  @ArrayUnique({ message: '附件不能重复' })
  @IsUUID('all', { each: true, message: '附件编号格式不正确' })
  fileIds?: string[];

  @ApiPropertyOptional({ description: '农户已签署《承诺授权书》（纸质）' })
  @IsOptional()
  @IsBoolean({ message: '承诺授权必须是是或否' })
  consent?: boolean;

  @ApiPropertyOptional({ format: 'uuid', description: '负责的干部（默认为录入人）' })
  @IsOptional()
  @IsUUID('all', { message: '负责干部编号格式不正确' })
  assignedAccountId?: string;
}

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);
/** `a,b` (or a repeated parameter) as a list; empty items dropped. */
const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').map((v) => v.trim()).filter(Boolean) : value;

/** GET /api/v1/cases filters. */
export class CaseListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CaseStatus, enumName: 'CaseStatus' })
  @IsOptional()
  @IsEnum(CaseStatus, { message: '状态不是允许的取值' })
  status?: CaseStatus;

  @ApiPropertyOptional({
    enum: CaseStatus,
    enumName: 'CaseStatus',
    isArray: true,
    description: '状态之一（逗号分隔，如 DECLARED,SURVEYING）：政府找的“待办”按本人角色能办理的状态列出',
  })
  @IsOptional()
  @Transform(toList)
  @IsArray({ message: 'statuses 应为状态列表' })
  @ArrayMaxSize(20, { message: 'statuses 最多20项' })
  @IsEnum(CaseStatus, { each: true, message: '状态不是允许的取值' })
  statuses?: CaseStatus[];

  @ApiPropertyOptional({ format: 'uuid', description: '只列这一户的案件（须在本辖区内）' })
  @IsOptional()
  @IsUUID('all', { message: '户编号格式不正确' })
  householdId?: string;

  @ApiPropertyOptional({ enum: CaseStep, enumName: 'CaseStep', description: '所处步骤（六步工作法）' })
  @IsOptional()
  @IsEnum(CaseStep, { message: '步骤不是允许的取值' })
  step?: CaseStep;

  @ApiPropertyOptional({ description: '地区代码（本辖区内，前缀匹配）' })
  @IsOptional()
  @Matches(/^[0-9]{2,15}$/, { message: '地区代码应为数字' })
  region?: string;

  @ApiPropertyOptional({ enum: CaseSource, enumName: 'CaseSource' })
  @IsOptional()
  @IsEnum(CaseSource, { message: '来源不是允许的取值' })
  source?: CaseSource;

  @ApiPropertyOptional({ description: 'true 只列超期未办结的案件；false 只列未超期的' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'overdue 应为 true 或 false' })
  overdue?: boolean;

  @ApiPropertyOptional({ description: 'true 只列由我负责的案件' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'assignedToMe 应为 true 或 false' })
  assignedToMe?: boolean;

  @ApiPropertyOptional({ description: 'true 只列办理中的案件；false 只列已办结的' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'open 应为 true 或 false' })
  open?: boolean;

  @ApiPropertyOptional({ description: '案件编号（完整），或当事人姓名（前几个字）' })
  @IsOptional()
  @Trim()
  @IsString({ message: '查询内容必须是文字' })
  @MaxLength(50, { message: '查询内容最多50个字' })
  q?: string;
}

/** GET /api/v1/my/claims */
export class MyClaimsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'true 只列办理中的；false 只列已办结的' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'open 应为 true 或 false' })
  open?: boolean;
}

/** GET /api/v1/cases/surveys: the field surveys of one household (its income history). */
export class HouseholdSurveysQueryDto extends PageQueryDto {
  @ApiProperty({ format: 'uuid', description: '户（须在本辖区内）' })
  @IsUUID('all', { message: '户编号格式不正确' })
  householdId: string;
}
