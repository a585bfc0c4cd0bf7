import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module.js';
import { WarningRaiseService } from './warning-raise.service.js';
import { WarningRulesService } from './warning-rules.service.js';
import { ExchangeFeedbackController, WarningRulesController, WarningsController } from './warnings.controller.js';
import { WarningsService } from './warnings.service.js';

/**
 * 部门筛查预警: rules as data (warning_rules), warnings raised set-based from matched department records (plugged into
 * the exchange pipeline), the village's inbox and actions (a case through the cases module), verdicts back to the
 * department. The exchange module is global; notifications, audit and jobs too.
 */
@Module({
  imports: [CasesModule],
  controllers: [WarningsController, WarningRulesController, ExchangeFeedbackController],
  providers: [WarningsService, WarningRulesService, WarningRaiseService],
  exports: [WarningsService],
})
export class WarningsModule {}
