import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Role } from '@jiuzhu/shared';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser, Public, Roles } from '../../common/auth/decorators.js';
import { CreateGridDto, RegionChildrenQueryDto, RegionDetailDto, RegionDto, RegionPageDto } from './dto/region.dto.js';
import { RegionCodePipe } from './region-code.pipe.js';
import { RegionsService } from './regions.service.js';

@ApiTags('regions')
@Controller('regions')
export class RegionsController {
  constructor(private readonly regions: RegionsService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: '下级地区列表（不填 parent 时返回省），地区选择器用，无需登录' })
  @ApiOkResponse({ type: RegionPageDto })
  listChildren(@Query() query: RegionChildrenQueryDto) {
    return this.regions.listChildren(query);
  }

  @Get(':code')
  @Public()
  @ApiOperation({ summary: '一个地区及其从省到本级的路径' })
  @ApiParam({ name: 'code', example: '530129103' })
  @ApiOkResponse({ type: RegionDetailDto })
  getDetail(@Param('code', RegionCodePipe) code: string) {
    return this.regions.getDetail(code);
  }

  @Post(':villageCode/grids')
  @ApiBearerAuth()
  @Roles(Role.ADMIN, Role.COUNTY_OFFICER)
  @ApiOperation({ summary: '在村/社区下新建网格（村民小组），自动取下一个空闲的3位编号' })
  @ApiParam({ name: 'villageCode', example: '530129103001' })
  @ApiCreatedResponse({ type: RegionDto })
  createGrid(@CurrentUser() user: AuthUser, @Param('villageCode', RegionCodePipe) villageCode: string, @Body() dto: CreateGridDto) {
    return this.regions.createGrid(user, villageCode, dto);
  }
}
