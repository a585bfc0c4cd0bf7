import { ApiProperty } from '@nestjs/swagger';

export class StoredFileDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'image/jpeg', enum: ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'], description: '按内容识别的类型' })
  mime: string;
  @ApiProperty({ description: '字节数', example: 204800 }) size: number;
  @ApiProperty({ description: '上传时的文件名', example: '房屋照片.jpg' }) name: string;
}

/** For the OpenAPI document: the multipart body of POST /files. */
export class UploadFilesDto {
  @ApiProperty({ type: 'array', items: { type: 'string', format: 'binary' }, description: 'JPEG、PNG、WebP 或 PDF；可多个' })
  files: unknown[];
}
