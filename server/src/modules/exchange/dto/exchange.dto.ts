import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DatasetColumnType, Department, ExchangeBatchStatus } from '@jiuzhu/shared';

export class DatasetColumnDto {
  @ApiProperty({ example: 'selfPaid', description: 'JSON 行、规则中使用的列名' }) key: string;
  @ApiProperty({ example: '自付费用', description: '文件表头（中文）' }) header: string;
  @ApiProperty({ enum: DatasetColumnType, enumName: 'DatasetColumnType' }) type: DatasetColumnType;
  @ApiProperty() required: boolean;
  @ApiPropertyOptional({ type: [String], description: '枚举列允许的取值' }) values?: string[];
  @ApiPropertyOptional({ description: '文字最长字数，或数字上限' }) max?: number;
  @ApiPropertyOptional() min?: number;
  @ApiPropertyOptional({ description: '填写说明' }) note?: string;
}

export class DatasetDto {
  @ApiProperty({ example: 'MEDICAL_SELF_PAID' }) code: string;
  @ApiProperty({ enum: Department, enumName: 'Department' }) department: Department;
  @ApiProperty({ example: '医保' }) departmentLabel: string;
  @ApiProperty({ example: '住院及门诊医疗费用自付' }) name: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: [DatasetColumnDto] }) columns: DatasetColumnDto[];
  @ApiProperty({ description: '当前调用者可以报送该数据集' }) canSend: boolean;
  @ApiProperty({ description: '空白模板（xlsx）的地址' }) templateUrl: string;
}

export class DatasetListDto {
  @ApiProperty({ type: [DatasetDto] }) items: DatasetDto[];
}

export class BatchCountsDto {
  @ApiProperty({ description: '收到的数据行（不含表头）' }) received: number;
  @ApiProperty({ description: '校验通过' }) valid: number;
  @ApiProperty({ description: '有错误的行（见错误报告）' }) invalid: number;
  @ApiProperty({ description: '在户籍登记中找到本人' }) matched: number;
  @ApiProperty({ description: '未找到（见未匹配名单）' }) unmatched: number;
  @ApiProperty({ description: '本批产生的预警' }) warnings: number;
}

export class BatchProgressDto {
  @ApiProperty() rowsProcessed: number;
  @ApiProperty() totalBytes: number;
  @ApiProperty() bytesProcessed: number;
}

export class BatchDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() dataset: string;
  @ApiProperty() datasetName: string;
  @ApiProperty({ enum: Department, enumName: 'Department' }) department: Department;
  @ApiProperty() departmentLabel: string;
  @ApiProperty({ example: '2025-06' }) month: string;
  @ApiProperty({ nullable: true, type: String, description: '报送方自己的批次号' }) batchId: string | null;
  @ApiProperty({ enum: ExchangeBatchStatus, enumName: 'ExchangeBatchStatus' }) status: ExchangeBatchStatus;
  @ApiProperty() statusLabel: string;
  @ApiProperty({ enum: ['CSV', 'XLSX', 'JSON'] }) format: string;
  @ApiProperty() fileName: string;
  @ApiProperty({ nullable: true, type: String, description: 'CSV 的编码（utf-8 或 gb18030）' }) encoding: string | null;
  @ApiProperty({ type: BatchCountsDto }) counts: BatchCountsDto;
  @ApiProperty({ type: BatchProgressDto }) progress: BatchProgressDto;
  @ApiPropertyOptional({ description: '失败原因' }) error?: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) finishedAt: string | null;
  @ApiPropertyOptional({ description: '重复报送：返回的是原来的批次，未重复处理' }) replayed?: boolean;
}

export class BatchPageDto {
  @ApiProperty({ type: [BatchDto] }) items: BatchDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class RowErrorDto {
  @ApiProperty({ description: '文件中的行号（表头为第 1 行）' }) rowNumber: number;
  @ApiProperty({ nullable: true, type: String, description: '出错的列（表头）；整行问题为 null' }) column: string | null;
  @ApiProperty({ example: '身份证号：校验位不正确' }) reason: string;
  @ApiProperty({ description: '该行原文（身份证号已脱敏）', type: 'object', additionalProperties: { type: 'string' } }) row: Record<string, string>;
}

export class RowErrorPageDto {
  @ApiProperty({ type: [RowErrorDto] }) items: RowErrorDto[];
  @ApiProperty({ description: '问题条数' }) total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class UnmatchedRowDto {
  @ApiProperty() rowNumber: number;
  @ApiProperty({ example: '5301**********1234' }) idNumber: string;
  @ApiProperty({ example: '张*丰' }) name: string;
}

export class UnmatchedPageDto {
  @ApiProperty({ type: [UnmatchedRowDto] }) items: UnmatchedRowDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class ApiKeyDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: Department, enumName: 'Department' }) department: Department;
  @ApiProperty() departmentLabel: string;
  @ApiProperty({ type: [String] }) datasets: string[];
  @ApiProperty({ description: '地区范围（代码前缀）' }) regionCode: string;
  @ApiProperty({ description: '密钥开头几位，用于辨认' }) keyPrefix: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lastUsedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) revokedAt: string | null;
}

export class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({ description: '完整密钥，只显示这一次；请求头 X-Api-Key 中使用' }) key: string;
}

export class ApiKeyPageDto {
  @ApiProperty({ type: [ApiKeyDto] }) items: ApiKeyDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
