import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role } from '@jiuzhu/shared';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser, Roles } from '../../common/auth/decorators.js';
import { AuditService } from './audit.service.js';
import { AuditLogPageDto, AuditQueryDto } from './dto/audit.dto.js';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles(Role.ADMIN, Role.COUNTY_OFFICER)
  @ApiOperation({ summary: '审计日志（管理员看全省，县级干部看本辖区的记录）' })
  @ApiOkResponse({ type: AuditLogPageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: AuditQueryDto) {
    return this.audit.list(user, query);
  }
}
