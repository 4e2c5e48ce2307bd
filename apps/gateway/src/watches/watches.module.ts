import { Module } from '@nestjs/common';
import { WatchesController } from './watches.controller';
import { WatchesService } from './watches.service';

/** Service watches: their definitions, their Temporal Schedules and the samples pushed to them. */
@Module({ controllers: [WatchesController], providers: [WatchesService] })
export class WatchesModule {}
