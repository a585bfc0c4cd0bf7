import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEnum, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../../common/http/pagination.js';
import { NoticeKind } from '../entities/notice.entity.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class NoticeListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description: '村（社区）代码，12位。群众只能查本户所在村（默认即本村）；干部须在辖区内，不填为整个辖区',
    example: '530129103201',
  })
  @IsOptional()
  @Matches(/^[0-9]{12}$/, { message: '村（社区）代码应为12位数字' })
  village?: string;

  @ApiPropertyOptional({ enum: NoticeKind, enumName: 'NoticeKind' })
  @IsOptional()
  @IsEnum(NoticeKind, { message: '公示类型不是允许的取值' })
  kind?: NoticeKind;

  @ApiPropertyOptional({ description: 'true：今天在公示期内的；false：未开始或已结束的' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'active 只能是 true 或 false' })
  active?: boolean;

  @ApiPropertyOptional({ description: '只看某个案件的公示（干部）' })
  @IsOptional()
  @IsUUID('all', { message: '案件编号格式不正确' })
  caseId?: string;
}

export class CreateObjectionDto {
  @ApiProperty({ description: '异议内容', example: '该户去年新建了砖房，家里有两人常年在外务工，情况与公示不符' })
  @Transform(trim)
  @IsString({ message: '异议内容必须是文字' })
  @IsNotEmpty({ message: '异议内容不能为空' })
  @MaxLength(500, { message: '异议内容最多500个字' })
  reason: string;

  @ApiPropertyOptional({ description: '对村里匿名（县级和系统仍记录提出人）', default: false })
  @IsOptional()
  @IsBoolean({ message: '是否匿名必须是是或否' })
  anonymous?: boolean;
}

export class AnswerObjectionDto {
  @ApiProperty({ description: '核实情况及答复', example: '经入户核实，该户新房为易地搬迁安置房，两人务工收入已计入，情况属实' })
  @Transform(trim)
  @IsString({ message: '答复必须是文字' })
  @IsNotEmpty({ message: '答复不能为空' })
  @MaxLength(1000, { message: '答复最多1000个字' })
  answer: string;
}
