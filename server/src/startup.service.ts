import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { RegionsService } from './modules/regions/regions.service.js';

/** Reference data every instance needs before serving: the Yunnan regions (imported once, on an empty table). */
@Injectable()
export class StartupService implements OnApplicationBootstrap {
  constructor(private readonly regions: RegionsService) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.regions.importIfEmpty();
  }
}
