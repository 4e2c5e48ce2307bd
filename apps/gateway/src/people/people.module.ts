import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { MeController, PeopleController } from './people.controller';
import { PeopleService } from './people.service';

/**
 * The people directory, each person's notification preferences and out-of-office delegations
 * (the directory's recorder, which the authentication feeds, comes from the auth module).
 */
@Module({ imports: [AuthModule], controllers: [PeopleController, MeController], providers: [PeopleService] })
export class PeopleModule {}
