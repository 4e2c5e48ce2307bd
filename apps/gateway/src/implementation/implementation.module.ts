import { Module } from '@nestjs/common';
import { ImplementationController } from './implementation.controller';
import { ImplementationService } from './implementation.service';

@Module({ controllers: [ImplementationController], providers: [ImplementationService] })
export class ImplementationModule {}
