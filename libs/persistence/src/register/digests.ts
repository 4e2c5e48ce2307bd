import type { DataSource } from 'typeorm';
import { DIGEST_KIND, type DigestLine, type DigestNotice, type DigestPayload } from '@cio/contracts';
import { isoText } from './initiative-queries';

/**
 * The daily digest: for each person who has not turned it off, what waits on them (and on those
 * they stand in for), overdue first; for holders of an escalation role, what is overdue in the
 * initiatives that escalate to it; and the notifications they chose to hear of in the digest.
 * Each becomes one `daily-digest` notification, keyed by person and day, that the email
 * dispatcher sends.
 */

/** People the digest goes to, a page at a time by id: an address, and the digest not off. */
export async function digestRecipients(
  db: DataSource,
  after: string | null,
  limit: number,
): Promise<string[]> {
  const rows: { id: string }[] = await db.query(
    `SELECT p.id FROM people p
      WHERE p.email IS NOT NULL AND ($1::text IS NULL OR p.id > $1)
        AND NOT EXISTS (SELECT 1 FROM notification_preferences np
                         WHERE np.person_id = p.id AND np.kind = '${DIGEST_KIND}' AND np.mode = 'off')
      ORDER BY p.id LIMIT $2`,
    [after, limit],
  );
  return rows.map((row) => row.id);
}

/**
 * The people a person stands for at `at`: themself, and their delegators whose delegation runs
 * then (one hop), with the roles and departments each holds.
 */
const STANDING_FOR = `
  standing AS (
    SELECT p.id, p.roles, p.departments, NULL::text AS on_behalf_of FROM people p WHERE p.id = $1
    UNION ALL
    SELECT p.id, p.roles, p.departments, p.id FROM delegations d JOIN people p ON p.id = d.delegator
     WHERE d.delegate = $1 AND d.revoked_at IS NULL AND d.starts_at <= $2 AND d.ends_at > $2)`;

const LINE_COLUMNS = `i.id AS "initiativeId", i.title, w->>'kind' AS kind, w->>'subject' AS subject,
  w->'who' AS who, w->>'since' AS since, w->>'dueAt' AS "dueAt",
  COALESCE((w->>'dueAt')::timestamptz < $2, false) AS overdue`;

/** What one person's digest of `day` says at `at`; empty lists when nothing waits on them. */
export async function composeDigest(
  db: DataSource,
  person: string,
  day: string,
  at: Date,
): Promise<DigestPayload> {
  const waiting: DigestLine[] = await db.query(
    `WITH ${STANDING_FOR}
     SELECT DISTINCT ON (i.id, w->>'kind', w->>'subject', w->'who') ${LINE_COLUMNS}, s.on_behalf_of AS "onBehalfOf"
       FROM standing s
       JOIN initiatives i ON i.phase NOT IN ('Closed', 'Paused')
        AND (i.waiting_roles && s.roles OR i.waiting_departments && s.departments OR i.waiting_people @> ARRAY[s.id])
       CROSS JOIN LATERAL jsonb_array_elements(i.waiting_on) w
       -- Whether the directory has the person a wait names (then its role is context only): one
       -- primary-key probe per wait (LIMIT keeps the planner from hashing the whole directory).
       LEFT JOIN LATERAL (SELECT true AS known FROM people WHERE people.id = w->'who'->>'person' LIMIT 1) named
              ON true
      WHERE w->'who'->>'person' = s.id
         OR (w->'who'->>'role' = ANY(s.roles) AND named.known IS NULL)
         OR (NOT w->'who' ?| ARRAY['role', 'person'] AND w->'who'->>'department' = ANY(s.departments))
      ORDER BY i.id, w->>'kind', w->>'subject', w->'who', s.on_behalf_of NULLS FIRST`,
    [person, at],
  );
  const overdue: DigestLine[] = await db.query(
    `WITH ${STANDING_FOR}
     SELECT DISTINCT ON (i.id, w->>'kind', w->>'subject', w->'who') ${LINE_COLUMNS}, s.on_behalf_of AS "onBehalfOf"
       FROM standing s
       JOIN initiatives i ON i.phase NOT IN ('Closed', 'Paused')
        AND i.definition->'policy'->'approval'->>'escalateTo' = ANY(s.roles) AND i.next_due_at < $2
       CROSS JOIN LATERAL jsonb_array_elements(i.waiting_on) w
      WHERE (w->>'dueAt')::timestamptz < $2
      ORDER BY i.id, w->>'kind', w->>'subject', w->'who', s.on_behalf_of NULLS FIRST`,
    [person, at],
  );
  const notices: DigestNotice[] = await db.query(
    `WITH ${STANDING_FOR},
     previous AS (
       SELECT COALESCE(max((facts->>'until')::timestamptz), $2::timestamptz - interval '1 day') AS since
         FROM notifications
        WHERE kind = '${DIGEST_KIND}' AND recipient_person = $1 AND key <> $3)
     SELECT DISTINCT ON (n.id) n.kind, n.initiative_id AS "initiativeId", i.title, n.subject,
            ${isoText('n.created_at')} AS at
       FROM notifications n
       JOIN previous ON n.created_at > previous.since AND n.created_at <= $2
       JOIN notification_preferences np ON np.person_id = $1 AND np.kind = n.kind AND np.mode = 'digest'
       JOIN standing s ON n.recipient_role = ANY(s.roles) OR n.recipient_person = s.id
                       OR (n.recipient_role IS NULL AND n.recipient_person IS NULL
                           AND n.recipient_department = ANY(s.departments))
       LEFT JOIN initiatives i ON i.id = n.initiative_id
      WHERE n.kind <> '${DIGEST_KIND}'
      ORDER BY n.id`,
    [person, at, digestKey(person, day)],
  );
  const seen = new Set(waiting.map(lineKey));
  return {
    day,
    waiting: waiting.sort(byUrgency),
    overdue: overdue.filter((line) => !seen.has(lineKey(line))).sort(byUrgency),
    notices: notices.sort((a, b) => a.at.localeCompare(b.at)),
  };
}

const lineKey = (line: DigestLine) =>
  `${line.initiativeId}|${line.kind}|${line.subject ?? ''}|${JSON.stringify(line.who)}`;

/** Overdue first, then the nearest deadline, then the oldest wait. */
function byUrgency(a: DigestLine, b: DigestLine): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  if (a.dueAt !== b.dueAt) {
    if (a.dueAt === null) return 1;
    if (b.dueAt === null) return -1;
    return Date.parse(a.dueAt) - Date.parse(b.dueAt);
  }
  return Date.parse(a.since) - Date.parse(b.since) || a.initiativeId.localeCompare(b.initiativeId);
}

export const digestKey = (person: string, day: string) => `digest:${person}:${day}`;

/**
 * Enqueues a person's digest of its day once (a retried run writes nothing twice); a digest with
 * nothing in it is not sent. True when it was enqueued now.
 */
export async function enqueueDigest(
  db: DataSource,
  person: string,
  digest: DigestPayload,
  /** The instant the digest covers notices up to: the next one starts there. */
  until: Date,
): Promise<boolean> {
  if (digest.waiting.length + digest.overdue.length + digest.notices.length === 0) return false;
  const overdue = digest.waiting.filter((line) => line.overdue).length + digest.overdue.length;
  const subject =
    `Your improvement digest for ${digest.day}: ${digest.waiting.length} waiting on you` +
    (overdue > 0 ? `, ${overdue} overdue` : '');
  const rows: unknown[] = await db.query(
    `INSERT INTO notifications (key, initiative_id, kind, recipient_person, subject, payload, facts)
     VALUES ($1, NULL, '${DIGEST_KIND}', $2, $3, $4, $5)
     ON CONFLICT (key) DO NOTHING RETURNING id`,
    [
      digestKey(person, digest.day),
      person,
      subject,
      JSON.stringify(digest),
      JSON.stringify({
        day: digest.day,
        waiting: digest.waiting.length,
        overdue,
        until: until.toISOString(),
      }),
    ],
  );
  return rows.length > 0;
}
