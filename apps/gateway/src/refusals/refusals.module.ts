import { Module } from '@nestjs/common';
import { RefusalsController } from './refusals.controller';

@Module({ controllers: [RefusalsController] })
export class RefusalsModule {}
