import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEnum, IsOptional, IsUUID, Matches } from 'class-validator';
import { PageQueryDto } from '../../../common/http/pagination.js';
import { QualityRunStatus, QualityRunTrigger } from '../entities/quality-run.entity.js';
import { QualityCheckCode } from '../quality-checks.js';

/** A region code of any level: province 2, prefecture 4, county 6, township 9, village 12, grid 15 digits. */
const REGION_CODE = /^(?:[0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{9}|[0-9]{12}|[0-9]{15})$/;
const RegionCode = () => Matches(REGION_CODE, { message: '地区代码应为2、4、6、9、12或15位数字' });
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateQualityRunDto {
  @ApiPropertyOptional({ description: '检查的地区（须在辖区内），默认为本人辖区', example: '530129' })
  @IsOptional()
  @Transform(trim)
  @RegionCode()
  region?: string;

  @ApiPropertyOptional({
    description: '同时解密并复核全部证件号码（GB 11643 校验码、残疾人证类别等级、出生日期和性别）；只限县级干部和管理员，记入审计日志',
    default: false,
  })
  @IsOptional()
  @IsBoolean({ message: '是否复核证件号码应为 true 或 false' })
  recheckIdNumbers?: boolean;
}

export class QualityRunListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: '只看此地区（含）以内的检查，须在辖区内', example: '530129' })
  @IsOptional()
  @Transform(trim)
  @RegionCode()
  region?: string;

  @ApiPropertyOptional({ enum: QualityRunTrigger, enumName: 'QualityRunTrigger' })
  @IsOptional()
  @IsEnum(QualityRunTrigger, { message: '发起方式不是允许的取值' })
  trigger?: QualityRunTrigger;

  @ApiPropertyOptional({ enum: QualityRunStatus, enumName: 'QualityRunStatus' })
  @IsOptional()
  @IsEnum(QualityRunStatus, { message: '检查状态不是允许的取值' })
  status?: QualityRunStatus;
}

export class QualityExportQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: '哪一次检查；默认为覆盖该地区的最近一次已完成的检查' })
  @IsOptional()
  @IsUUID('all', { message: '检查编号格式不正确' })
  run?: string;

  @ApiPropertyOptional({ description: '只看此地区（县、乡镇、村或网格），须在辖区内；默认为本人辖区', example: '530129103' })
  @IsOptional()
  @Transform(trim)
  @RegionCode()
  region?: string;

  @ApiPropertyOptional({ enum: QualityCheckCode, enumName: 'QualityCheckCode', description: '只看一项检查' })
  @IsOptional()
  @IsEnum(QualityCheckCode, { message: '检查项不是允许的取值' })
  check?: QualityCheckCode;
}

export class QualityFindingQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: '哪一次检查；默认为覆盖该地区的最近一次已完成的检查' })
  @IsOptional()
  @IsUUID('all', { message: '检查编号格式不正确' })
  run?: string;

  @ApiPropertyOptional({ description: '只看此地区（县、乡镇、村或网格），须在辖区内；默认为本人辖区', example: '530129103' })
  @IsOptional()
  @Transform(trim)
  @RegionCode()
  region?: string;

  @ApiPropertyOptional({ enum: QualityCheckCode, enumName: 'QualityCheckCode', description: '只看一项检查' })
  @IsOptional()
  @IsEnum(QualityCheckCode, { message: '检查项不是允许的取值' })
  check?: QualityCheckCode;
}
