import { Body, Controller, Delete, Get, HttpStatus, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { z } from 'zod';
import { ApiErrors, ApiIdempotencyKey } from '../commands/api-decorators';
import type { RequestContext } from '../commands/request-context';
import { Context } from '../commands/request-context.decorator';
import { respond } from '../commands/respond';
import {
  CreateDelegationSchema,
  DelegationIdSchema,
  DelegationSchema,
  DelegationsSchema,
  ListPeopleQuerySchema,
  MeSchema,
  PersonIdSchema,
  PersonPageSchema,
  PersonSchema,
  PreferencesSchema,
  PutPersonSchema,
  PutPreferencesSchema,
} from './people.schemas';
import { PeopleService } from './people.service';

const answers = (status: number, description: string, schema: z.ZodType) =>
  ApiResponse({ status, description, standardSchema: schema });

@ApiTags('people')
@Controller('people')
export class PeopleController {
  constructor(private readonly people: PeopleService) {}

  @Get()
  @ApiOperation({
    summary: 'The people directory by id (anyone signed in: to pick a delegate); filters combine',
  })
  @answers(HttpStatus.OK, 'One page and the cursor of the next.', PersonPageSchema)
  @ApiErrors(400)
  list(
    @Context() context: RequestContext,
    @Query({ schema: ListPeopleQuerySchema }) query: z.infer<typeof ListPeopleQuerySchema>,
  ) {
    return this.people.list(context.principal, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One person: their roles and departments as the directory has them' })
  @answers(HttpStatus.OK, 'The person.', PersonSchema)
  @ApiErrors(400, 404)
  get(@Context() context: RequestContext, @Param('id', { schema: PersonIdSchema }) id: string) {
    return this.people.get(context.principal, id);
  }

  @Put(':id')
  @ApiOperation({
    summary:
      'Enter or edit a person (admins): for someone who never signed in; their token’s roles replace these when they do',
  })
  @ApiIdempotencyKey()
  @answers(HttpStatus.CREATED, 'The person, entered.', PersonSchema)
  @answers(HttpStatus.OK, 'The person, edited.', PersonSchema)
  @ApiErrors(400, 403, 413, 422, 429)
  async put(
    @Context() context: RequestContext,
    @Param('id', { schema: PersonIdSchema }) id: string,
    @Body({ schema: PutPersonSchema }) body: z.infer<typeof PutPersonSchema>,
    @Res({ passthrough: true }) response: Response,
  ) {
    return respond(response, await this.people.put(context, id, body));
  }
}

@ApiTags('people')
@Controller('me')
export class MeController {
  constructor(private readonly people: PeopleService) {}

  @Get()
  @ApiOperation({
    summary:
      'You: as the directory has you, how you hear of each kind, your delegations, whom you stand in for',
  })
  @answers(HttpStatus.OK, 'You.', MeSchema)
  @ApiErrors(400, 404)
  me(@Context() context: RequestContext) {
    return this.people.me(context.principal);
  }

  @Put('preferences')
  @ApiOperation({ summary: 'Choose how you hear of some kinds: an email at once, the daily digest, or not' })
  @ApiIdempotencyKey()
  @answers(HttpStatus.OK, 'Every kind with its mode now.', PreferencesSchema)
  @ApiErrors(400, 404, 422, 429)
  async setPreferences(
    @Context() context: RequestContext,
    @Body({ schema: PutPreferencesSchema }) body: z.infer<typeof PutPreferencesSchema>,
    @Res({ passthrough: true }) response: Response,
  ) {
    return respond(response, await this.people.setPreferences(context, body.preferences));
  }

  @Post('delegations')
  @ApiOperation({
    summary:
      'Hand your waits to someone while you are away: they are reached as you are, and may act for you (On-Behalf-Of)',
  })
  @ApiIdempotencyKey()
  @answers(HttpStatus.CREATED, 'The delegation.', DelegationSchema)
  @ApiErrors(400, 403, 409, 413, 422, 429)
  async delegate(
    @Context() context: RequestContext,
    @Body({ schema: CreateDelegationSchema }) body: z.infer<typeof CreateDelegationSchema>,
    @Res({ passthrough: true }) response: Response,
  ) {
    return respond(response, await this.people.delegate(context, body));
  }

  @Get('delegations')
  @ApiOperation({ summary: 'Your delegations, given and received' })
  @answers(HttpStatus.OK, 'Your delegations.', DelegationsSchema)
  @ApiErrors(400)
  delegations(@Context() context: RequestContext) {
    return this.people.delegations(context.principal);
  }

  @Delete('delegations/:id')
  @ApiOperation({ summary: 'End one of your delegations now' })
  @ApiIdempotencyKey()
  @answers(HttpStatus.OK, 'The delegation, ended.', DelegationSchema)
  @ApiErrors(400, 404, 422, 429)
  async revoke(
    @Context() context: RequestContext,
    @Param('id', { schema: DelegationIdSchema }) id: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    return respond(response, await this.people.revoke(context, id));
  }
}
