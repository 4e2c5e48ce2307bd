import type { DataSource, EntityManager } from 'typeorm';
import {
  type Delegation,
  DELIVERY_MODES,
  type DeliveryMode,
  type Locale,
  type NotificationPreferences,
  type Person,
  type PreferenceKind,
  RegisterErrorCode,
  type WaitWho,
} from '@cio/contracts';
import { escapeLike, isoText, pageLimit } from './initiative-queries';
import { RegisterError } from './register-error';

/**
 * The people directory: who holds which role, belongs to which department, and how to reach them.
 * Every statement about people, their preferences and their delegations lives here; the gateway
 * writes it (from token claims and admin edits), the worker reads it to resolve a wait to people.
 */

const PERSON_COLUMNS = `p.id, p.email, p.display_name AS "displayName", p.locale, p.roles, p.departments,
  p.source, ${isoText('p.last_seen_at')} AS "lastSeenAt", ${isoText('p.updated_at')} AS "updatedAt"`;

/** What a token says of its bearer; absent claims leave what the directory knows. */
export interface TokenClaims {
  id: string;
  email?: string | undefined;
  displayName?: string | undefined;
  locale?: Locale | undefined;
  roles: readonly string[];
  departments: readonly string[];
}

/**
 * Records what a token says of its bearer: their roles and departments as the token has them now
 * (the identity provider is the authority on those), their email, name and locale when the token
 * carries them. A person an admin entered becomes a token person on their first call.
 */
export async function recordTokenClaims(db: DataSource, claims: TokenClaims): Promise<void> {
  await db.query(
    `INSERT INTO people (id, email, display_name, locale, roles, departments, source, last_seen_at)
     VALUES ($1, $2, $3, COALESCE($4, 'en'), $5, $6, 'token', now())
     ON CONFLICT (id) DO UPDATE SET
       email = COALESCE(EXCLUDED.email, people.email),
       display_name = COALESCE(EXCLUDED.display_name, people.display_name),
       locale = COALESCE($4, people.locale),
       roles = EXCLUDED.roles, departments = EXCLUDED.departments,
       source = 'token', last_seen_at = now(),
       updated_at = CASE
         WHEN (people.email, people.display_name, people.locale, people.roles, people.departments, people.source)
              IS DISTINCT FROM (COALESCE(EXCLUDED.email, people.email), COALESCE(EXCLUDED.display_name, people.display_name),
                                COALESCE($4, people.locale), EXCLUDED.roles, EXCLUDED.departments, 'token')
         THEN now() ELSE people.updated_at END`,
    [
      claims.id,
      claims.email ?? null,
      claims.displayName ?? null,
      claims.locale ?? null,
      [...new Set(claims.roles)].sort(),
      [...new Set(claims.departments)].sort(),
    ],
  );
}

/** An admin's entry for a person: everything about them, for someone who never signed in. */
export interface PersonEntry {
  id: string;
  /** Absent (undefined): the stored value is kept; null clears it. */
  email: string | null | undefined;
  displayName: string | null | undefined;
  /** Absent: the stored locale is kept (a new entry gets `en`). */
  locale: Locale | undefined;
  roles: readonly string[];
  departments: readonly string[];
}

/**
 * Enters or edits a person as an admin. Their roles and departments hold until their own token
 * says otherwise (on their next call); `created` tells a new entry from an edit.
 */
export async function putPerson(
  db: DataSource,
  entry: PersonEntry,
): Promise<{ person: Person; created: boolean }> {
  const rows: (Person & { created: boolean })[] = await db.query(
    `WITH upserted AS (
       INSERT INTO people AS p (id, email, display_name, locale, roles, departments, source)
       VALUES ($1, $2, $3, COALESCE($4, 'en'), $5, $6, 'admin')
       ON CONFLICT (id) DO UPDATE SET
         email = CASE WHEN $7 THEN EXCLUDED.email ELSE p.email END,
         display_name = CASE WHEN $8 THEN EXCLUDED.display_name ELSE p.display_name END,
         locale = COALESCE($4, p.locale),
         roles = EXCLUDED.roles, departments = EXCLUDED.departments, updated_at = now()
       RETURNING p.*, (xmax = 0) AS created)
     SELECT ${PERSON_COLUMNS}, p.created FROM upserted p`,
    [
      entry.id,
      entry.email ?? null,
      entry.displayName ?? null,
      entry.locale ?? null,
      [...new Set(entry.roles)].sort(),
      [...new Set(entry.departments)].sort(),
      entry.email !== undefined,
      entry.displayName !== undefined,
    ],
  );
  const { created, ...person } = rows[0] as Person & { created: boolean };
  return { person, created };
}

export async function findPerson(db: DataSource | EntityManager, id: string): Promise<Person> {
  const rows: Person[] = await db.query(`SELECT ${PERSON_COLUMNS} FROM people p WHERE p.id = $1`, [id]);
  const person = rows[0];
  if (!person)
    throw new RegisterError(RegisterErrorCode.PERSON_NOT_FOUND, `person '${id}' is not in the directory`);
  return person;
}

export interface PeopleFilter {
  role?: string;
  department?: string;
  /** Case-insensitive substring of id or name (and of the email with `matchEmail`). */
  text?: string;
  /** Whether `text` searches email addresses too: only for callers who may see them. */
  matchEmail?: boolean;
  limit?: number;
  /** The last id of the previous page. */
  after?: string;
}

/** The directory, by id, a page at a time. */
export async function listPeople(
  db: DataSource,
  filter: PeopleFilter,
): Promise<{ items: Person[]; nextCursor: string | null }> {
  const limit = pageLimit(filter.limit);
  const text = filter.text ? `%${escapeLike(filter.text)}%` : null;
  const rows: Person[] = await db.query(
    `SELECT ${PERSON_COLUMNS} FROM people p
      WHERE ($1::text IS NULL OR p.roles @> ARRAY[$1::text])
        AND ($2::text IS NULL OR p.departments @> ARRAY[$2::text])
        AND ($3::text IS NULL OR p.id ILIKE $3 OR p.display_name ILIKE $3 OR ($6 AND p.email ILIKE $3))
        AND ($4::text IS NULL OR p.id > $4)
      ORDER BY p.id LIMIT $5`,
    [
      filter.role ?? null,
      filter.department ?? null,
      text,
      filter.after ?? null,
      limit + 1,
      filter.matchEmail ?? false,
    ],
  );
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? (items[items.length - 1]?.id ?? null) : null };
}

// ---- Resolution: a wait's role, department or person, to the people it reaches --------------

/** A person a wait reaches: directly, or as the delegate of someone it reaches directly. */
export interface Recipient {
  id: string;
  email: string | null;
  displayName: string | null;
  locale: Locale;
  /** Set when reached as a delegate: the person they stand in for. */
  onBehalfOf: string | null;
}

/**
 * The people a wait on `who` reaches at `at`: the person it names (a trainee's wait names their
 * department as context only; a plan's wait names the owner and their manager role, which is
 * reached only when the directory lacks the owner), else the holders of its role, else the
 * members of its department; and the delegates of each of them whose delegation runs then
 * (one hop: a delegate's own delegate is not reached). Someone reached both ways is listed once,
 * directly.
 */
export async function resolveRecipients(
  db: DataSource | EntityManager,
  who: WaitWho,
  at: Date = new Date(),
): Promise<Recipient[]> {
  return (await resolveRecipientsOfEach(db, [who], at))[0] ?? [];
}

/**
 * `resolveRecipients` for many waits in one statement (the email fan-out's batch): the people
 * each reaches, in the order of `whos`.
 */
export async function resolveRecipientsOfEach(
  db: DataSource | EntityManager,
  whos: readonly WaitWho[],
  at: Date = new Date(),
): Promise<Recipient[][]> {
  const reached: Recipient[][] = whos.map(() => []);
  const asked = whos.flatMap((who, i) => (who.role || who.department || who.person ? [{ who, i }] : []));
  if (asked.length === 0) return reached;
  const rows: (Recipient & { i: number })[] = await db.query(
    `WITH w AS (
       SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[]) AS w(i, role, department, person)),
     direct AS (
       SELECT w.i, p.id FROM w JOIN people p ON p.id = w.person
       UNION
       SELECT w.i, p.id FROM w JOIN people p ON p.roles @> ARRAY[w.role]
        WHERE w.role IS NOT NULL
          AND (w.person IS NULL OR NOT EXISTS (SELECT 1 FROM people named WHERE named.id = w.person))
       UNION
       SELECT w.i, p.id FROM w JOIN people p ON p.departments @> ARRAY[w.department]
        WHERE w.role IS NULL AND w.person IS NULL),
     reached AS (
       SELECT i, id, NULL::text AS on_behalf_of, 0 AS rank FROM direct
       UNION ALL
       SELECT direct.i, d.delegate, d.delegator, 1 FROM delegations d JOIN direct ON direct.id = d.delegator
        WHERE d.revoked_at IS NULL AND d.starts_at <= $5 AND d.ends_at > $5)
     SELECT DISTINCT ON (r.i, p.id) r.i, p.id, p.email, p.display_name AS "displayName", p.locale,
            r.on_behalf_of AS "onBehalfOf"
       FROM reached r JOIN people p ON p.id = r.id
      ORDER BY r.i, p.id, r.rank, r.on_behalf_of`,
    [
      asked.map((a) => a.i),
      asked.map((a) => a.who.role ?? null),
      asked.map((a) => a.who.department ?? null),
      asked.map((a) => a.who.person ?? null),
      at,
    ],
  );
  for (const { i, ...recipient } of rows) reached[i]?.push(recipient);
  return reached;
}

/** How many people each role, department and person reaches now (delegates not counted). */
export interface Reach {
  roles: Record<string, number>;
  departments: Record<string, number>;
  people: Record<string, number>;
}

/** The directory's count of holders of each role, members of each department, and each person. */
export async function reachOf(
  db: DataSource,
  names: { roles: readonly string[]; departments: readonly string[]; people: readonly string[] },
): Promise<Reach> {
  const reach: Reach = { roles: {}, departments: {}, people: {} };
  if (names.roles.length + names.departments.length + names.people.length === 0) return reach;
  const rows: { kind: keyof Reach; name: string; n: number }[] = await db.query(
    `SELECT 'roles' AS kind, r AS name, (SELECT count(*)::int FROM people WHERE roles @> ARRAY[r]) AS n
       FROM unnest($1::text[]) r
     UNION ALL
     SELECT 'departments', d, (SELECT count(*)::int FROM people WHERE departments @> ARRAY[d])
       FROM unnest($2::text[]) d
     UNION ALL
     SELECT 'people', x, (SELECT count(*)::int FROM people WHERE id = x) FROM unnest($3::text[]) x`,
    [[...new Set(names.roles)], [...new Set(names.departments)], [...new Set(names.people)]],
  );
  for (const row of rows) reach[row.kind][row.name] = row.n;
  return reach;
}

/**
 * Waits of open initiatives that reach nobody in the directory, by what they wait on: a role
 * nobody holds, a department nobody belongs to, a person the directory lacks.
 */
export async function unreachedWaits(
  db: DataSource | EntityManager,
): Promise<{ kind: 'role' | 'department' | 'person'; n: number }[]> {
  return db.query(
    `SELECT k.kind, count(*)::int AS n
       FROM initiatives i, jsonb_array_elements(i.waiting_on) w,
            LATERAL (SELECT CASE WHEN w->'who' ? 'role' THEN 'role'
                                 WHEN w->'who' ? 'person' THEN 'person'
                                 WHEN w->'who' ? 'department' THEN 'department' END AS kind) k
      WHERE i.phase <> 'Closed' AND k.kind IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM people p WHERE p.id = w->'who'->>'person')
        AND NOT EXISTS (SELECT 1 FROM people p WHERE p.roles @> ARRAY[w->'who'->>'role'])
        AND (k.kind <> 'department'
             OR NOT EXISTS (SELECT 1 FROM people p WHERE p.departments @> ARRAY[w->'who'->>'department']))
      GROUP BY k.kind`,
  );
}

// ---- Preferences ------------------------------------------------------------------------------

/** A person's choices; kinds not named are `immediate`. */
export async function notificationPreferences(
  db: DataSource | EntityManager,
  person: string,
): Promise<NotificationPreferences> {
  const rows: { kind: PreferenceKind; mode: DeliveryMode }[] = await db.query(
    `SELECT kind, mode FROM notification_preferences WHERE person_id = $1 ORDER BY kind`,
    [person],
  );
  return Object.fromEntries(rows.map((row) => [row.kind, row.mode]));
}

/**
 * Sets the modes of the kinds named (others keep theirs); `immediate` is the default and is
 * stored as no row. The person must be in the directory.
 */
export async function setNotificationPreferences(
  db: DataSource,
  person: string,
  changes: NotificationPreferences,
): Promise<NotificationPreferences> {
  return db.transaction(async (tx) => {
    await findPerson(tx, person);
    const entries = Object.entries(changes).filter(([, mode]) => DELIVERY_MODES.includes(mode));
    const kept = entries.filter(([, mode]) => mode !== 'immediate');
    await tx.query(`DELETE FROM notification_preferences WHERE person_id = $1 AND kind = ANY($2::text[])`, [
      person,
      entries.map(([kind]) => kind),
    ]);
    if (kept.length > 0) {
      await tx.query(
        `INSERT INTO notification_preferences (person_id, kind, mode)
         SELECT $1, k.kind, k.mode FROM unnest($2::text[], $3::text[]) AS k(kind, mode)`,
        [person, kept.map(([kind]) => kind), kept.map(([, mode]) => mode)],
      );
    }
    return notificationPreferences(tx, person);
  });
}

// ---- Delegations ------------------------------------------------------------------------------

const DELEGATION_COLUMNS = `d.id::text AS id, d.delegator, d.delegate, ${isoText('d.starts_at')} AS "startsAt",
  ${isoText('d.ends_at')} AS "endsAt", d.reason, ${isoText('d.created_at')} AS "createdAt",
  ${isoText('d.revoked_at')} AS "revokedAt"`;

export interface DelegationInput {
  delegator: string;
  delegate: string;
  startsAt: string;
  endsAt: string;
  reason: string;
}

/**
 * Records a delegation. The delegate must be in the directory; a delegator has one delegation at
 * a time (another not revoked that overlaps the range is refused with DELEGATION_OVERLAPS). The
 * delegator's row lock serialises two requests for one delegator.
 */
export async function createDelegation(db: DataSource, input: DelegationInput): Promise<Delegation> {
  return db.transaction(async (tx) => {
    const locked: unknown[] = await tx.query(`SELECT 1 FROM people WHERE id = $1 FOR UPDATE`, [
      input.delegator,
    ]);
    if (locked.length === 0) {
      throw new RegisterError(
        RegisterErrorCode.PERSON_NOT_FOUND,
        `person '${input.delegator}' is not in the directory`,
      );
    }
    const delegate: unknown[] = await tx.query(`SELECT 1 FROM people WHERE id = $1`, [input.delegate]);
    if (delegate.length === 0) {
      throw new RegisterError(
        RegisterErrorCode.DELEGATE_UNKNOWN,
        `'${input.delegate}' is not in the directory: a delegate must have signed in, or be entered by an admin`,
        [{ field: 'delegate', message: 'is not in the directory' }],
      );
    }
    const overlapping: { id: string }[] = await tx.query(
      `SELECT id::text AS id FROM delegations
        WHERE delegator = $1 AND revoked_at IS NULL AND starts_at < $3 AND ends_at > $2`,
      [input.delegator, input.startsAt, input.endsAt],
    );
    if (overlapping[0]) {
      throw new RegisterError(
        RegisterErrorCode.DELEGATION_OVERLAPS,
        `delegation ${overlapping[0].id} already covers part of that time; end it first`,
        [{ field: 'startsAt', message: 'overlaps another delegation' }],
      );
    }
    const rows: Delegation[] = await tx.query(
      `WITH d AS (
         INSERT INTO delegations (delegator, delegate, starts_at, ends_at, reason)
         VALUES ($1, $2, $3, $4, $5) RETURNING *)
       SELECT ${DELEGATION_COLUMNS} FROM d`,
      [input.delegator, input.delegate, input.startsAt, input.endsAt, input.reason],
    );
    return rows[0] as Delegation;
  });
}

/** The delegations a person gave and received that have not ended (or ended in the last 30 days). */
export async function delegationsOf(
  db: DataSource,
  person: string,
): Promise<{ given: Delegation[]; received: Delegation[] }> {
  const rows: (Delegation & { side: 'given' | 'received' })[] = await db.query(
    `SELECT ${DELEGATION_COLUMNS}, CASE WHEN d.delegator = $1 THEN 'given' ELSE 'received' END AS side
       FROM delegations d
      WHERE (d.delegator = $1 OR d.delegate = $1)
        AND COALESCE(d.revoked_at, d.ends_at) > now() - interval '30 days'
      ORDER BY d.starts_at DESC, d.id DESC`,
    [person],
  );
  const strip = ({ side: _side, ...d }: Delegation & { side: string }) => d;
  return {
    given: rows.filter((d) => d.side === 'given').map(strip),
    received: rows.filter((d) => d.side === 'received').map(strip),
  };
}

/** Ends a delegation now (its delegator only); ending one that ended (or ran out) changes nothing. */
export async function revokeDelegation(db: DataSource, id: string, delegator: string): Promise<Delegation> {
  const rows: Delegation[] = await db.query(
    `WITH d AS (
       UPDATE delegations
          SET revoked_at = CASE WHEN revoked_at IS NULL AND ends_at > now() THEN now() ELSE revoked_at END
        WHERE id = $1::bigint AND delegator = $2 RETURNING *)
     SELECT ${DELEGATION_COLUMNS} FROM d`,
    [/^\d{1,18}$/.test(id) ? id : '0', delegator],
  );
  const delegation = rows[0];
  if (!delegation) {
    throw new RegisterError(RegisterErrorCode.DELEGATION_NOT_FOUND, `you have no delegation '${id}'`);
  }
  return delegation;
}

/**
 * The delegator as the directory knows them, if their delegation to `delegate` runs at `at`:
 * the person a delegate may act for, with the roles and departments they act in. NOT_DELEGATED
 * otherwise.
 */
export async function runningDelegation(
  db: DataSource,
  delegator: string,
  delegate: string,
  at: Date = new Date(),
): Promise<{ delegation: Delegation; delegator: Person }> {
  const rows: (Delegation & { person: Person })[] = await db.query(
    `SELECT ${DELEGATION_COLUMNS},
            json_build_object('id', p.id, 'email', p.email, 'displayName', p.display_name, 'locale', p.locale,
                              'roles', p.roles, 'departments', p.departments, 'source', p.source,
                              'lastSeenAt', ${isoText('p.last_seen_at')}, 'updatedAt', ${isoText('p.updated_at')}) AS person
       FROM delegations d JOIN people p ON p.id = d.delegator
      WHERE d.delegator = $1 AND d.delegate = $2 AND d.revoked_at IS NULL
        AND d.starts_at <= $3 AND d.ends_at > $3
      LIMIT 1`,
    [delegator, delegate, at],
  );
  const row = rows[0];
  if (!row) {
    throw new RegisterError(
      RegisterErrorCode.NOT_DELEGATED,
      `'${delegator}' has no delegation to you running now`,
      [{ field: 'On-Behalf-Of', message: 'names nobody who delegated to you' }],
    );
  }
  const { person, ...delegation } = row;
  return { delegation, delegator: person };
}

/** Whom a person stands in for at `at` (their delegators whose delegation runs then). */
export async function delegatorsOf(
  db: DataSource | EntityManager,
  delegate: string,
  at: Date = new Date(),
): Promise<Person[]> {
  return db.query(
    `SELECT ${PERSON_COLUMNS} FROM delegations d JOIN people p ON p.id = d.delegator
      WHERE d.delegate = $1 AND d.revoked_at IS NULL AND d.starts_at <= $2 AND d.ends_at > $2
      ORDER BY p.id`,
    [delegate, at],
  );
}
