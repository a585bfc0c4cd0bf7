import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { MeResponseDto } from '../../accounts/dto/account-response.dto.js';

export class LoginDto {
  @ApiProperty({ example: 'admin' })
  @IsString({ message: '用户名必须是文字' })
  @MinLength(1, { message: '请输入用户名' })
  @MaxLength(64, { message: '用户名不能超过64个字符' })
  username: string;

  @ApiProperty({ example: 'Jiuzhu2025' })
  @IsString({ message: '密码必须是文字' })
  @MinLength(1, { message: '请输入密码' })
  @MaxLength(128, { message: '密码不能超过128个字符' })
  password: string;
}

export class RefreshDto {
  @ApiProperty({ description: '登录时得到的 refreshToken（每次刷新后换成新的）' })
  @IsString({ message: 'refreshToken 必须是文字' })
  @MinLength(1, { message: 'refreshToken 不能为空' })
  @MaxLength(256, { message: 'refreshToken 过长' })
  refreshToken: string;
}

export class CodeLoginDto {
  @ApiProperty({ description: '小程序 wx.login() 或企业微信网页授权得到的 code（开发环境：dev:<标识>）' })
  @IsString({ message: 'code 必须是文字' })
  @MinLength(1, { message: 'code 不能为空' })
  @MaxLength(256, { message: 'code 过长' })
  code: string;
}

export class TokenResponseDto {
  @ApiProperty({ description: 'Authorization: Bearer <accessToken>' }) accessToken: string;
  @ApiProperty({ description: '换取新 accessToken 用，只能使用一次' }) refreshToken: string;
  @ApiProperty({ description: 'accessToken 有效秒数', example: 900 }) expiresIn: number;
  @ApiProperty({ type: MeResponseDto }) account: MeResponseDto;
}
