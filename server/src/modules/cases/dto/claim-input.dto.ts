import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  Equals,
  IsArray,
  IsBoolean,
  IsEnum,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { CaseSource, DifficultyKind } from '@jiuzhu/shared';
import { ACCEPTED_CLAIM_CONSENT_VERSIONS, CLAIM_CONSENT } from '@jiuzhu/shared/consent';
import { IsIdNumber, IsMobile } from '../../households/dto/validators.js';
import { Trim } from './validators.js';

/** Photos or files of one request (POST /api/v1/files first). */
export const MAX_CASE_FILES = 9;
export const MAX_DESCRIPTION_LENGTH = 2000;

/** 他人代举: the person the request is for. */
export class ClaimSubjectDto {
  @ApiProperty({ description: '被申报人姓名', example: '张三丰' })
  @Trim()
  @IsString({ message: '被申报人姓名必须是文字' })
  @IsNotEmpty({ message: '被申报人姓名不能为空' })
  @MaxLength(50, { message: '被申报人姓名最多50个字' })
  name: string;

  @ApiProperty({ description: '申报人与被申报人的关系', example: '邻居' })
  @Trim()
  @IsString({ message: '关系必须是文字' })
  @IsNotEmpty({ message: '请填写您与被申报人的关系' })
  @MaxLength(32, { message: '关系最多32个字' })
  relation: string;

  @ApiPropertyOptional({ description: '被申报人的手机号码（没有可不填）', example: '13912345678' })
  @IsOptional()
  @IsMobile()
  phone?: string | null;

  @ApiProperty({ description: '被申报人所在的村（12位）或网格（15位）代码', example: '530129103201' })
  @Matches(/^([0-9]{12}|[0-9]{15})$/, { message: '请选择被申报人所在的村或网格' })
  regionCode: string;

  @ApiPropertyOptional({ description: '住址', example: '羊街村委会大村12号' })
  @IsOptional()
  @Trim()
  @IsString({ message: '住址必须是文字' })
  @MaxLength(200, { message: '住址最多200个字' })
  address?: string | null;

  @ApiPropertyOptional({ description: '被申报人的身份证号码（可不填；填写后与登记的户匹配）' })
  @IsOptional()
  @IsIdNumber()
  idNumber?: string | null;
}

/** POST /api/v1/claims: a citizen's request for their own household (SELF) or for someone else (PROXY). */
export class CreateClaimDto {
  @ApiProperty({ enum: [CaseSource.SELF, CaseSource.PROXY], enumName: 'ClaimSource', description: 'SELF 为本户申报；PROXY 替他人申报' })
  @IsIn([CaseSource.SELF, CaseSource.PROXY], { message: '请选择为本户申报或替他人申报' })
  source: CaseSource.SELF | CaseSource.PROXY;

  @ApiPropertyOptional({ type: ClaimSubjectDto, description: '替他人申报时必填：被申报人' })
  @ValidateIf((o: CreateClaimDto) => o.source === CaseSource.PROXY || o.subject !== undefined)
  @IsNotEmpty({ message: '替他人申报须填写被申报人' })
  @ValidateNested()
  @Type(() => ClaimSubjectDto)
  subject?: ClaimSubjectDto;

  @ApiProperty({ enum: DifficultyKind, enumName: 'DifficultyKind', description: '困难类别：生活、就业、教育、医疗、住房、饮水' })
  @IsEnum(DifficultyKind, { message: '请选择困难类别' })
  difficultyKind: DifficultyKind;

  @ApiProperty({ description: '困难情况说明', maxLength: MAX_DESCRIPTION_LENGTH })
  @Trim()
  @IsString({ message: '情况说明必须是文字' })
  @IsNotEmpty({ message: '请说明遇到的困难' })
  @MaxLength(MAX_DESCRIPTION_LENGTH, { message: `情况说明最多${MAX_DESCRIPTION_LENGTH}个字` })
  description: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: MAX_CASE_FILES, description: '照片或材料（先上传到 /api/v1/files）' })
  @IsOptional()
  @IsArray({ message: '附件必须是列表' })
  @ArrayMaxSize(MAX_CASE_FILES, { message: `附件最多${MAX_CASE_FILES}个` })
  @ArrayUnique({ message: '附件不能重复' })
  @IsUUID('all', { each: true, message: '附件编号格式不正确' })
  fileIds?: string[];

  @ApiProperty({ description: '联系电话（手机）', example: '13812345678' })
  @IsNotEmpty({ message: '请填写联系电话' })
  @IsMobile()
  contactPhone: string;

  @ApiProperty({ description: '已阅读并同意《承诺授权书》（必须为 true）' })
  @IsBoolean({ message: '须阅读并同意《承诺授权书》' })
  @Equals(true, { message: '须阅读并同意《承诺授权书》才能提交申请' })
  consent: boolean;

  @ApiPropertyOptional({
    description: '所同意的《承诺授权书》版本（不填为当前版本；见 GET /claims/consent）',
    enum: ACCEPTED_CLAIM_CONSENT_VERSIONS,
    example: CLAIM_CONSENT.version,
  })
  @IsOptional()
  @IsIn(ACCEPTED_CLAIM_CONSENT_VERSIONS, { message: '《承诺授权书》已更新，请重新阅读并同意后再提交' })
  consentVersion?: string;
}
