import { Global, Module } from '@nestjs/common';
import { InitiativeCommands } from './initiative-commands.service';

@Global()
@Module({ providers: [InitiativeCommands], exports: [InitiativeCommands] })
export class CommandsModule {}
