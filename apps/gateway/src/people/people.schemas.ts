import { z } from 'zod';
import {
  ASSIGNMENT_KINDS,
  type Delegation,
  DELIVERY_MODES,
  DIGEST_KIND,
  LOCALES,
  NOTIFICATION_KINDS,
  type Person,
} from '@cio/contracts';
import { MAX_DELEGATION_DAYS } from '@cio/domain';
import { intParam, isoInstant, name, nonBlank } from '../schemas/fields';
import { describes } from '../schemas/same-type';

/**
 * Request and response schemas of the people directory, notification preferences and
 * delegations. A person's id is their token's `sub`.
 */

export const PersonIdSchema = z
  .string()
  .regex(/^\S(?:.{0,198}\S)?$/, 'must be a person’s id (their token’s sub, 1–200 characters)');

export const ListPeopleQuerySchema = z.strictObject({
  role: name('who hold this role').optional(),
  department: name('who belong to this department').optional(),
  q: nonBlank(100).optional().describe('text in the id or name (admins: or email)'),
  limit: intParam(1, 200).optional(),
  cursor: PersonIdSchema.optional().describe('nextCursor of the previous page'),
});

export const PutPersonSchema = z
  .strictObject({
    email: z
      .email()
      .max(320)
      .nullable()
      .optional()
      .describe('where their emails go; null: none; absent: kept as it is'),
    displayName: nonBlank(200).nullable().optional(),
    locale: z
      .enum(LOCALES)
      .optional()
      .describe('the language of their emails (absent: kept, en for someone new)'),
    roles: z.array(name('role')).max(100),
    departments: z.array(name('department')).max(100),
  })
  .meta({
    id: 'PutPerson',
    example: {
      email: 'omar@example.com',
      displayName: 'Omar',
      locale: 'en',
      roles: ['change-board'],
      departments: ['it'],
    },
  });
export type PutPersonBody = z.infer<typeof PutPersonSchema>;

/** Every kind a person chooses how to hear of, and the daily digest itself. */
export const MAIL_KINDS = [...NOTIFICATION_KINDS, ...ASSIGNMENT_KINDS] as const;
const mode = z.enum(DELIVERY_MODES);
const digestMode = z.enum(['immediate', 'off']).describe('immediate: the digest is sent; off: it is not');

export const PreferencesSchema = z
  .object({
    ...Object.fromEntries(MAIL_KINDS.map((kind) => [kind, mode])),
    [DIGEST_KIND]: digestMode,
  } as Record<(typeof MAIL_KINDS)[number], typeof mode> & { [DIGEST_KIND]: typeof digestMode })
  .describe('how you hear of each kind: an email at once, a line in the daily digest, or nothing')
  .meta({ id: 'NotificationPreferences' });

export const PutPreferencesSchema = z
  .strictObject({
    preferences: z
      .strictObject({
        ...Object.fromEntries(MAIL_KINDS.map((kind) => [kind, mode.optional()])),
        [DIGEST_KIND]: digestMode.optional(),
      } as Record<(typeof MAIL_KINDS)[number], z.ZodOptional<typeof mode>> & {
        [DIGEST_KIND]: z.ZodOptional<typeof digestMode>;
      })
      .describe('the kinds to change; the others keep their mode'),
  })
  .meta({
    id: 'PutNotificationPreferences',
    example: { preferences: { 'task-reminder': 'digest', 'target-met': 'off', 'daily-digest': 'immediate' } },
  });

export const CreateDelegationSchema = z
  .strictObject({
    delegate: PersonIdSchema.describe('who stands in for you: someone in the directory'),
    startsAt: isoInstant,
    endsAt: isoInstant.describe(`after startsAt, in the future, at most ${MAX_DELEGATION_DAYS} days later`),
    reason: z.string().trim().max(500).describe('why (shown to the delegate); a blank one is refused'),
  })
  .meta({
    id: 'CreateDelegation',
    example: {
      delegate: 'alice',
      startsAt: '2026-12-21T00:00:00Z',
      endsAt: '2027-01-04T00:00:00Z',
      reason: 'on leave over the holidays',
    },
  });
export type CreateDelegationBody = z.infer<typeof CreateDelegationSchema>;

export const DelegationIdSchema = z.string().regex(/^\d{1,18}$/, 'must be a delegation id');

// --- responses ----------------------------------------------------------------------------------

export const PersonSchema = describes<Person>()(
  z
    .object({
      id: z.string(),
      email: z
        .string()
        .nullable()
        .describe('shown to admins and to the person only; null when unknown or not yours to see'),
      displayName: z.string().nullable(),
      locale: z.enum(LOCALES),
      roles: z.array(z.string()),
      departments: z.array(z.string()),
      source: z
        .enum(['token', 'admin'])
        .describe('token: learned from their sign-ins; admin: entered by an admin'),
      lastSeenAt: z.string().nullable().describe('their last call; null when they never signed in'),
      updatedAt: z.string(),
    })
    .meta({ id: 'Person' }),
);

export const PersonPageSchema = z
  .object({ items: z.array(PersonSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'PersonPage' });

export const DelegationSchema = describes<Delegation>()(
  z
    .object({
      id: z.string(),
      delegator: z.string(),
      delegate: z.string(),
      startsAt: z.string(),
      endsAt: z.string(),
      reason: z.string(),
      createdAt: z.string(),
      revokedAt: z.string().nullable().describe('when the delegator ended it early'),
    })
    .meta({ id: 'Delegation' }),
);

export const DelegationsSchema = z
  .object({
    given: z.array(DelegationSchema).describe('yours to others'),
    received: z.array(DelegationSchema).describe('others’ to you'),
  })
  .describe('those not ended, or ended in the last 30 days, newest first')
  .meta({ id: 'Delegations' });

export const MeSchema = z
  .object({
    person: PersonSchema,
    preferences: PreferencesSchema,
    delegations: DelegationsSchema,
    standingInFor: z
      .array(PersonSchema)
      .describe('whom you stand in for now: act for them with On-Behalf-Of; their waits are in /me/work'),
  })
  .meta({ id: 'Me' });
