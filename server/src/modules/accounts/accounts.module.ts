import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HouseholdsModule } from '../households/households.module.js';
import { RegionsModule } from '../regions/regions.module.js';
import { AccountDirectoryService } from './account-directory.service.js';
import { AccountsController } from './accounts.controller.js';
import { AccountsHousekeepingService } from './accounts-housekeeping.service.js';
import { AccountsService } from './accounts.service.js';
import { Account } from './entities/account.entity.js';
import { BindingAttempt } from './entities/binding-attempt.entity.js';
import { Session } from './entities/session.entity.js';
import { HouseholdDirectory } from './household-directory.js';
import { householdDirectoryProvider } from './households-directory.provider.js';
import { MeController } from './me.controller.js';
import { MeService } from './me.service.js';
import { PasswordService } from './password.service.js';
import { SessionsService } from './sessions.service.js';

/** Accounts and their sessions, the administrators' account API, GET /me and the citizens' binding. */
@Module({
  imports: [TypeOrmModule.forFeature([Account, Session, BindingAttempt]), RegionsModule, HouseholdsModule],
  controllers: [AccountsController, MeController],
  providers: [
    AccountsService,
    SessionsService,
    PasswordService,
    MeService,
    AccountsHousekeepingService,
    householdDirectoryProvider,
    AccountDirectoryService,
  ],
  exports: [AccountsService, SessionsService, PasswordService, MeService, HouseholdDirectory, AccountDirectoryService],
})
export class AccountsModule {}
