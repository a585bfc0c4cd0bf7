import { Controller, Get, Param, Post, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/decorators.js';
import { StoredFileDto, UploadFilesDto } from './dto/stored-file.dto.js';
import { FilesService } from './files.service.js';

@ApiTags('files')
@ApiBearerAuth()
@Controller('files')
export class FilesController {
  constructor(private readonly files: FilesService) {}

  @Post()
  @ApiOperation({
    summary: '上传照片或文件（任何已登录用户；可一次多个）',
    description:
      '按内容识别类型，只收 JPEG、PNG、WebP、PDF；单个文件大小与一次的个数有上限（FILE_MAX_BYTES、FILE_MAX_COUNT）。返回的 id 在提交申请、调查等表单时填入 fileIds。',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadFilesDto })
  @ApiCreatedResponse({ type: [StoredFileDto] })
  @ApiBadRequestResponse({ description: '类型不符（FILE_TYPE_NOT_ALLOWED）、文件过多（FILE_TOO_MANY）、没有文件（FILE_REQUIRED）' })
  @ApiPayloadTooLargeResponse({ description: '文件过大（FILE_TOO_LARGE）' })
  upload(@CurrentUser() user: AuthUser, @Req() request: FastifyRequest) {
    return this.files.upload(user, request);
  }

  @Get(':id')
  @ApiOperation({ summary: '下载文件（上传者本人，或其所属记录在辖区内的干部；干部查看记入审计日志）' })
  @ApiOkResponse({ description: '文件内容', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } })
  download(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.files.download(user, id);
  }
}
