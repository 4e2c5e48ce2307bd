import { HttpStatus, Injectable } from '@nestjs/common';
import {
  DIGEST_KIND,
  InitiativeErrorCode,
  type NotificationPreferences,
  type PeopleAction,
  type Person,
  type Refusal,
} from '@cio/contracts';
import { refuseDelegation } from '@cio/domain';
import {
  createDelegation,
  delegationsOf,
  delegatorsOf,
  findPerson,
  listPeople,
  notificationPreferences,
  putPerson,
  revokeDelegation,
  setNotificationPreferences,
} from '@cio/persistence';
import { isAdmin, type Principal } from '../auth/principal';
import { type CommandResult, InitiativeCommands } from '../commands/initiative-commands.service';
import { refuseRequest } from '../commands/refused-request';
import type { RequestContext } from '../commands/request-context';
import { DirectoryRecorder } from './directory-recorder';
import {
  type CreateDelegationBody,
  MAIL_KINDS,
  type ListPeopleQuerySchema,
  type PutPersonBody,
} from './people.schemas';
import type { z } from 'zod';

/** Every kind with its mode, the defaults (`immediate`) filled in. */
function allPreferences(chosen: NotificationPreferences) {
  return {
    ...Object.fromEntries(MAIL_KINDS.map((kind) => [kind, chosen[kind] ?? 'immediate'])),
    [DIGEST_KIND]: chosen[DIGEST_KIND] === 'off' ? 'off' : 'immediate',
  };
}

/**
 * The people directory (anyone signed in reads it, to pick a delegate; admins enter people who
 * never signed in), each person's notification preferences and their out-of-office delegations.
 */
@Injectable()
export class PeopleService {
  constructor(
    private readonly commands: InitiativeCommands,
    private readonly directory: DirectoryRecorder,
  ) {}

  async list(principal: Principal, query: z.infer<typeof ListPeopleQuerySchema>) {
    const { q, cursor, ...filter } = query;
    const page = await listPeople(await this.commands.db(), {
      ...filter,
      ...(q ? { text: q } : {}),
      ...(cursor ? { after: cursor } : {}),
      // Only those who may see addresses search them: a match would reveal one a letter at a time.
      matchEmail: isAdmin(principal),
    });
    return { ...page, items: page.items.map((person) => shownTo(principal, person)) };
  }

  async get(principal: Principal, id: string) {
    return shownTo(principal, await findPerson(await this.commands.db(), id));
  }

  /** An admin enters or edits a person: 201 when new, 200 when edited; anyone else is refused (recorded). */
  put(context: RequestContext, id: string, body: PutPersonBody): Promise<CommandResult<Person>> {
    return this.commands.idempotent(context, async () => {
      if (!isAdmin(context.principal)) {
        await this.refuse(context, 'put-person', id, {
          code: InitiativeErrorCode.ROLE_NOT_ALLOWED,
          message: 'only an admin enters or edits people in the directory',
        });
      }
      const { person, created } = await putPerson(await this.commands.db(), {
        id,
        email: body.email,
        displayName: body.displayName,
        locale: body.locale,
        roles: body.roles,
        departments: body.departments,
      });
      return { status: created ? HttpStatus.CREATED : HttpStatus.OK, body: person };
    });
  }

  /** The caller as the directory has them, their preferences, delegations, and whom they stand in for. */
  async me(principal: Principal) {
    await this.directory.recorded(principal.user);
    const db = await this.commands.db();
    const [person, chosen, delegations, standingInFor] = await Promise.all([
      findPerson(db, principal.user),
      notificationPreferences(db, principal.user),
      delegationsOf(db, principal.user),
      delegatorsOf(db, principal.user),
    ]);
    return {
      person,
      preferences: allPreferences(chosen),
      delegations,
      standingInFor: standingInFor.map((p) => shownTo(principal, p)),
    };
  }

  setPreferences(context: RequestContext, changes: NotificationPreferences) {
    return this.commands.idempotent(context, async () => {
      const { user } = context.principal;
      await this.directory.recorded(user);
      const chosen = await setNotificationPreferences(await this.commands.db(), user, changes);
      return { status: HttpStatus.OK, body: allPreferences(chosen) };
    });
  }

  /** A delegation of the caller's own (the domain's rules first, then the register's). */
  delegate(context: RequestContext, body: CreateDelegationBody) {
    return this.commands.idempotent(context, async () => {
      const { user } = context.principal;
      const request = { ...body, delegator: user, onBehalfOf: context.onBehalfOf };
      const refusal = refuseDelegation(request, new Date());
      if (refusal) await this.refuse(context, 'create-delegation', body.delegate, refusal);
      await this.directory.recorded(user);
      const delegation = await createDelegation(await this.commands.db(), { ...body, delegator: user });
      return { status: HttpStatus.CREATED, body: delegation };
    });
  }

  async delegations(principal: Principal) {
    return delegationsOf(await this.commands.db(), principal.user);
  }

  /** Ends one of the caller's delegations now (404 when it is not theirs). */
  revoke(context: RequestContext, id: string) {
    return this.commands.idempotent(context, async () => {
      const delegation = await revokeDelegation(await this.commands.db(), id, context.principal.user);
      return { status: HttpStatus.OK, body: delegation };
    });
  }

  private async refuse(context: RequestContext, action: PeopleAction, subject: string, refusal: Refusal) {
    return refuseRequest(await this.commands.db(), context, { action, subject, refusal });
  }
}

/** A person as the caller may see them: their email only to admins and to themselves. */
function shownTo(principal: Principal, person: Person): Person {
  return isAdmin(principal) || principal.user === person.id ? person : { ...person, email: null };
}
