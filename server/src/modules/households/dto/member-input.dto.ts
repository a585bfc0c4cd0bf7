import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEnum,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { Education, HealthStatus, LabourCapacity, Relation, SafetyNetStatus, Schooling, Sex } from '@jiuzhu/shared';
import { IsIdNumber, IsMobile } from './validators.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** A member as entered by a cadre (registration, or adding one to a household). */
export class MemberInputDto {
  @ApiProperty({ example: '李秀英' })
  @Transform(trim)
  @IsString({ message: '姓名必须是文字' })
  @IsNotEmpty({ message: '姓名不能为空' })
  @MaxLength(50, { message: '姓名最多50个字' })
  name: string;

  @ApiProperty({ description: '18位身份证号码，或20/22位残疾人证号', example: '530129198503150027' })
  @Transform(trim)
  @IsIdNumber()
  idNumber: string;

  @ApiProperty({ enum: Relation, enumName: 'Relation', description: '与户主关系；每户恰好一名户主（HEAD）' })
  @IsEnum(Relation, { message: '与户主关系不是允许的取值' })
  relation: Relation;

  @ApiPropertyOptional({ enum: Sex, enumName: 'Sex', description: '不填时按证件号码推出；填写时须与证件号码一致' })
  @IsOptional()
  @IsEnum(Sex, { message: '性别不是允许的取值' })
  sex?: Sex;

  @ApiPropertyOptional({ example: '1985-03-15', description: '不填时按证件号码推出；填写时须与证件号码一致' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: '出生日期格式应为 YYYY-MM-DD' })
  birthDate?: string;

  @ApiPropertyOptional({ example: '彝族' })
  @IsOptional()
  @Transform(trim)
  @IsString({ message: '民族必须是文字' })
  @MaxLength(20, { message: '民族最多20个字' })
  ethnicity?: string | null;

  @ApiPropertyOptional({ enum: Education, enumName: 'Education' })
  @IsOptional()
  @IsEnum(Education, { message: '文化程度不是允许的取值' })
  education?: Education | null;

  @ApiPropertyOptional({ enum: Schooling, enumName: 'Schooling' })
  @IsOptional()
  @IsEnum(Schooling, { message: '在校生情况不是允许的取值' })
  schooling?: Schooling | null;

  @ApiPropertyOptional({ enum: HealthStatus, enumName: 'HealthStatus', description: '健康状况（个人健康信息，加密保存）' })
  @IsOptional()
  @IsEnum(HealthStatus, { message: '健康状况不是允许的取值' })
  health?: HealthStatus | null;

  @ApiPropertyOptional({ enum: LabourCapacity, enumName: 'LabourCapacity' })
  @IsOptional()
  @IsEnum(LabourCapacity, { message: '劳动技能不是允许的取值' })
  labourCapacity?: LabourCapacity | null;

  @ApiPropertyOptional({ example: '昆明市官渡区' })
  @IsOptional()
  @Transform(trim)
  @IsString({ message: '务工地点必须是文字' })
  @MaxLength(100, { message: '务工地点最多100个字' })
  workPlace?: string | null;

  @ApiPropertyOptional({ minimum: 0, maximum: 12, description: '近12个月务工月数' })
  @IsOptional()
  @IsInt({ message: '务工月数必须是整数' })
  @Min(0, { message: '务工月数不能小于0' })
  @Max(12, { message: '务工月数不能大于12' })
  workMonths?: number | null;

  @ApiPropertyOptional({ description: '参加城乡居民基本医疗保险' })
  @IsOptional()
  @IsBoolean({ message: '医保参保情况必须是是或否' })
  medicalInsurance?: boolean;

  @ApiPropertyOptional({ description: '参加大病保险' })
  @IsOptional()
  @IsBoolean({ message: '大病保险参保情况必须是是或否' })
  seriousIllnessInsurance?: boolean;

  @ApiPropertyOptional({ description: '参加城乡居民基本养老保险' })
  @IsOptional()
  @IsBoolean({ message: '养老保险参保情况必须是是或否' })
  pensionInsurance?: boolean;

  @ApiPropertyOptional({ enum: SafetyNetStatus, enumName: 'SafetyNetStatus', description: '低保 / 特困' })
  @IsOptional()
  @IsEnum(SafetyNetStatus, { message: '低保/特困情况不是允许的取值' })
  safetyNet?: SafetyNetStatus;

  @ApiPropertyOptional({ description: '公益岗位' })
  @IsOptional()
  @IsBoolean({ message: '公益岗位必须是是或否' })
  publicWelfareJob?: boolean;

  @ApiPropertyOptional({ example: '13812345678' })
  @IsOptional()
  @IsMobile()
  phone?: string | null;
}

/** PATCH of one member: any field, plus the version read; the relation cannot become or stop being HEAD here. */
export class UpdateMemberDto extends PartialType(MemberInputDto) {
  @ApiProperty({ description: '读取时的版本号（乐观锁）', example: 1 })
  @IsInt({ message: '版本号必须是整数' })
  @Min(1, { message: '版本号最小为1' })
  version: number;
}
