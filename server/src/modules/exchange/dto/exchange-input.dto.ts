import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEnum, IsIn, IsObject, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { Department, ExchangeBatchStatus } from '@jiuzhu/shared';
import { PageQueryDto } from '../../../common/http/pagination.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export const MONTH_PATTERN = /^[0-9]{4}-(0[1-9]|1[0-2])$/;
export const SENDER_BATCH_ID_PATTERN = /^[A-Za-z0-9._:\-]{1,100}$/;
/** JSON rows in one request (the request body limit is 2 MB; larger deliveries are files) */
export const MAX_JSON_ROWS = 10_000;

/** The form fields of a file upload, and the JSON body without its rows. */
export class BatchFieldsDto {
  @ApiProperty({ example: 'MEDICAL_SELF_PAID', description: '数据集代码（GET /exchange/datasets）' })
  @Transform(trim)
  @IsString({ message: '数据集必须是文字' })
  @Matches(/^[A-Z][A-Z0-9_]{1,39}$/, { message: '数据集代码格式不正确' })
  dataset: string;

  @ApiProperty({ example: '2025-06', description: '数据所属月份 YYYY-MM' })
  @Transform(trim)
  @IsString({ message: '月份必须是文字' })
  @Matches(MONTH_PATTERN, { message: '月份应为 YYYY-MM，如 2025-06' })
  month: string;

  @ApiPropertyOptional({ example: 'YB-2025-06-001', description: '报送方自己的批次号：同一报送方重复报送同一批次号时返回原批次' })
  @IsOptional()
  @Transform(trim)
  @IsString({ message: '批次号必须是文字' })
  @Matches(SENDER_BATCH_ID_PATTERN, { message: '批次号为1至100位字母、数字或 . _ : -' })
  batchId?: string;
}

export class JsonBatchDto extends BatchFieldsDto {
  @ApiProperty({
    description: `数据行：每行一个对象，键为表头（如 身份证号）或列名（如 idNumber），最多 ${MAX_JSON_ROWS} 行`,
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    example: [{ 身份证号: '530129197003150012', 姓名: '张建国', 就诊类型: '住院', 入院日期: '2025-06-01', 医疗总费用: 30000, 自付费用: 8000 }],
  })
  @IsArray({ message: '数据行必须是列表' })
  @ArrayMinSize(1, { message: '没有数据行' })
  @ArrayMaxSize(MAX_JSON_ROWS, { message: `一次最多提交 ${MAX_JSON_ROWS} 行，更多请上传文件` })
  @IsObject({ each: true, message: '每一行必须是对象' })
  rows: Record<string, unknown>[];
}

/** The multipart form, for the API document only (the handler reads the stream itself). */
export class BatchUploadFormDto extends BatchFieldsDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'CSV（UTF-8 或 GBK）或 Excel .xlsx 文件，第一行为表头' })
  file: unknown;
}

export class BatchListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'MEDICAL_SELF_PAID' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  dataset?: string;

  @ApiPropertyOptional({ example: '2025-06' })
  @IsOptional()
  @Matches(MONTH_PATTERN, { message: '月份应为 YYYY-MM' })
  month?: string;

  @ApiPropertyOptional({ enum: ExchangeBatchStatus, enumName: 'ExchangeBatchStatus' })
  @IsOptional()
  @IsEnum(ExchangeBatchStatus, { message: '状态不是允许的取值' })
  status?: ExchangeBatchStatus;
}

export const REPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export class ReportQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: REPORT_FORMATS, default: 'json', description: 'json 分页；csv、xlsx 为完整下载' })
  @IsOptional()
  @IsIn(REPORT_FORMATS, { message: '格式应为 json、csv 或 xlsx' })
  format?: ReportFormat;
}

export class CreateApiKeyDto {
  @ApiProperty({ example: '县医保局结算系统' })
  @Transform(trim)
  @IsString({ message: '名称必须是文字' })
  @Matches(/\S/, { message: '名称不能为空' })
  @MaxLength(100, { message: '名称最多100个字' })
  name: string;

  @ApiProperty({ enum: Department, enumName: 'Department' })
  @IsEnum(Department, { message: '部门不是允许的取值' })
  department: Department;

  @ApiPropertyOptional({ type: [String], description: '可报送的数据集（须属于该部门）；不填为该部门的全部数据集' })
  @IsOptional()
  @IsArray({ message: '数据集必须是列表' })
  @IsString({ each: true, message: '数据集代码必须是文字' })
  @ArrayMaxSize(50)
  datasets?: string[];

  @ApiProperty({ example: '530129', description: '地区范围：2至12位地区代码，报送的人员须在此范围内' })
  @Matches(/^([0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{9}|[0-9]{12})$/, { message: '地区代码应为2、4、6、9或12位数字' })
  regionCode: string;
}

export class ApiKeyListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: Department, enumName: 'Department' })
  @IsOptional()
  @IsEnum(Department, { message: '部门不是允许的取值' })
  department?: Department;
}
