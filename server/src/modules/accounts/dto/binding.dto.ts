import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { IsMemberIdNumber } from './validators.js';

export class BindMemberDto {
  @ApiProperty({ example: '张三', description: '户口簿上的姓名' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString({ message: '姓名必须是文字' })
  @MinLength(1, { message: '姓名不能为空' })
  @MaxLength(50, { message: '姓名不能超过50个字' })
  name: string;

  @ApiProperty({ example: '53012919900101123X', description: '18位身份证号码（或20/22位残疾人证号）' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @IsMemberIdNumber()
  idNumber: string;
}
