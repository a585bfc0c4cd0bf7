import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsNotEmpty, IsString, IsUUID, MaxLength, Min, ValidateNested } from 'class-validator';
import { CaseAction } from '@jiuzhu/shared';
import { PageQueryDto } from '../../../common/http/pagination.js';
import { CaseSummaryDto } from './case.dto.js';
import { Trim } from './validators.js';

/** One request may carry this many cases; each is its own transaction. */
export const MAX_BULK_ITEMS = 50;

/** Actions that may be taken on several cases at once (a reviewer's routine approval of clean cases). */
export const BULK_ACTIONS = [CaseAction.TOWNSHIP_APPROVE] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

export enum BulkOutcome {
  /** the action was taken */
  DONE = 'DONE',
  /** someone else moved the case since it was read (stale version): reload and look again */
  CONFLICT = 'CONFLICT',
  /** not taken: not clean, not visible, not in a status that allows it, or the opinion was refused */
  REFUSED = 'REFUSED',
}

export class BulkActionItemDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: '案件编号格式不正确' })
  id: string;

  @ApiProperty({ description: '读取时的版本号' })
  @IsInt({ message: '版本号必须是整数' })
  @Min(1, { message: '版本号最小为1' })
  version: number;
}

/** POST /cases/bulk-actions */
export class BulkActionDto {
  @ApiProperty({ enum: BULK_ACTIONS, description: '目前只有乡镇同意（township.approve）可以批量办理' })
  @IsIn(BULK_ACTIONS, { message: '只有“乡镇同意”可以批量办理' })
  action: BulkAction;

  @ApiProperty({ description: '审核意见（每个案件记录同一意见）' })
  @Trim()
  @IsString({ message: '审核意见必须是文字' })
  @IsNotEmpty({ message: '审核意见不能为空' })
  @MaxLength(1000, { message: '审核意见最多1000个字' })
  opinion: string;

  @ApiProperty({ type: [BulkActionItemDto], minItems: 1, maxItems: MAX_BULK_ITEMS })
  @IsArray({ message: '案件必须是列表' })
  @ArrayMinSize(1, { message: '请至少选择一个案件' })
  @ArrayMaxSize(MAX_BULK_ITEMS, { message: `一次最多办理${MAX_BULK_ITEMS}个案件` })
  @ValidateNested({ each: true })
  @Type(() => BulkActionItemDto)
  items: BulkActionItemDto[];
}

export class BulkActionResultDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ nullable: true, type: String, description: '案件编号（看不到的案件为 null）' }) caseNumber: string | null;
  @ApiProperty({ enum: BulkOutcome, enumName: 'BulkOutcome' }) outcome: BulkOutcome;
  @ApiProperty({ nullable: true, type: String, description: '未办理时的错误代码，如 CASE_VERSION_CONFLICT、CASE_NOT_CLEAN' })
  code: string | null;
  @ApiProperty({ description: '结果说明（中文）' }) message: string;
  @ApiProperty({ nullable: true, type: Number, description: '办理后的版本号（DONE）' }) version: number | null;
}

export class BulkActionResponseDto {
  @ApiProperty({ type: [BulkActionResultDto], description: '与请求中的顺序相同' }) results: BulkActionResultDto[];
  @ApiProperty() done: number;
  @ApiProperty() conflicts: number;
  @ApiProperty() refused: number;
}

/** GET /cases/bulk-candidates: the cases waiting for the township's approval, a page at a time. */
export class BulkCandidatesQueryDto extends PageQueryDto {}

export class BulkCandidateDto extends CaseSummaryDto {
  @ApiProperty({ description: '可以批量办理（无未答复异议、未被退回过、调查完整）' }) clean: boolean;
  @ApiProperty({ type: [String], description: '不能批量办理的原因（逐条，中文）' }) notCleanReasons: string[];
  @ApiProperty({ description: '公示期间收到的异议数' }) objections: number;
  @ApiProperty({ nullable: true, type: Number, description: '调查的人均纯收入（元）' }) perCapitaNetIncome: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'BELOW 低于监测线；AT_OR_ABOVE 不低于' }) comparison: string | null;
}

export class BulkCandidatePageDto {
  @ApiProperty({ type: [BulkCandidateDto] }) items: BulkCandidateDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
