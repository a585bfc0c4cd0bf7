import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { HouseholdsModule } from '../households/households.module.js';
import { RegionsModule } from '../regions/regions.module.js';
import { NoticesController } from './notices.controller.js';
import { NoticesService } from './notices.service.js';

/** 评议公示 and 结果公告 with objections; NoticesService is called by the cases module inside its transactions. */
@Module({
  imports: [HouseholdsModule, RegionsModule, AccountsModule],
  controllers: [NoticesController],
  providers: [NoticesService],
  exports: [NoticesService],
})
export class NoticesModule {}
