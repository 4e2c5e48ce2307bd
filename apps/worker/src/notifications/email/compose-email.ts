import {
  DIGEST_KIND,
  type DigestLine,
  type DigestPayload,
  type WaitingOn,
  type WaitWho,
} from '@cio/contracts';
import type { DueEmail } from '@cio/persistence';
import { EMAIL_CATALOGUES, type EmailCatalogue } from './email-catalogue';
import {
  type Block,
  type EmailDocument,
  type Inline,
  link,
  renderEmail,
  type RenderedEmail,
} from './email-document';
import { isWaitKind, type KnownFacts, readDigest, readFacts } from './mail-facts';

/**
 * The email of one delivery, in the language of the person it goes to: what the notification
 * says, what waits on them in the initiative now (since when, until when), whom they stand in for,
 * and links to the page where they act and to their notification settings. Links only open
 * pages: acting takes the person's own sign-in there.
 */
export type EmailToCompose = Pick<DueEmail, 'notification' | 'person' | 'onBehalfOf' | 'initiative'>;

export interface ComposeContext {
  /** The web app's public address, no trailing slash. */
  publicWebUrl: string;
  /** The time zone dates are written in (the organisation's, DIGEST_TIMEZONE). */
  timeZone: string;
  now: Date;
}

export function composeEmail(email: EmailToCompose, context: ComposeContext): RenderedEmail {
  const write = new Writer(email, context);
  const digest = email.notification.kind === DIGEST_KIND ? readDigest(email.notification.payload) : undefined;
  return renderEmail(digest ? write.digest(digest) : write.notice());
}

export const initiativeUrl = (publicWebUrl: string, id: string) =>
  `${publicWebUrl}/initiatives/${encodeURIComponent(id)}`;
export const settingsUrl = (publicWebUrl: string) => `${publicWebUrl}/settings`;

/** Kinds about a wait on the recipient: when it closed, the email says so. */
const ABOUT_A_WAIT = new Set([
  'approval-reminder',
  'approval-escalation',
  'task-reminder',
  'task-escalation',
  'training-reminder',
  'training-escalation',
  'baseline-escalation',
  'cycle-limit-reached',
  'approval-requested',
  'task-assigned',
  'training-assigned',
]);

const ESCALATIONS = new Set([
  'approval-escalation',
  'task-escalation',
  'training-escalation',
  'baseline-escalation',
]);

class Writer {
  private readonly t: EmailCatalogue;
  private readonly date: Intl.DateTimeFormat;
  private readonly day: Intl.DateTimeFormat;

  constructor(
    private readonly email: EmailToCompose,
    private readonly context: ComposeContext,
  ) {
    const { locale } = email.person;
    this.t = EMAIL_CATALOGUES[locale];
    this.date = new Intl.DateTimeFormat(locale, {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZone: context.timeZone,
      timeZoneName: 'short',
    });
    this.day = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  }

  notice(): EmailDocument {
    const { notification, initiative } = this.email;
    const known = readFacts(notification.kind, notification.facts, notification.payload);
    const title = initiative?.title ?? titleIn(notification.payload);
    const headline = known && title !== undefined ? this.headline(title, known) : notification.subject;
    const waits = initiative ? initiative.waitingOn.filter((w) => concerns(notification, known, w)) : [];
    const blocks: Block[] = [this.greeting(), paragraph(this.t.sentence(headline)), ...this.behalf()];
    if (waits.length > 0) {
      blocks.push({
        kind: 'list',
        heading: ESCALATIONS.has(notification.kind) ? this.t.escalatedHeading : this.t.waitsHeading,
        items: waits.map((w) => [this.waitLine(w)]),
      });
    } else if (initiative && ABOUT_A_WAIT.has(notification.kind)) {
      blocks.push(paragraph(this.t.noLongerWaiting));
    }
    if (initiative) {
      blocks.push(paragraph(link(this.t.open, initiativeUrl(this.context.publicWebUrl, initiative.id))));
    }
    blocks.push(this.footer());
    return { lang: this.email.person.locale, subject: headline, blocks };
  }

  digest(digest: DigestPayload): EmailDocument {
    const { t } = this;
    const day = this.day.format(new Date(`${digest.day}T12:00:00Z`));
    const blocks: Block[] = [this.greeting(), paragraph(t.digest.intro(day))];
    const lines = (heading: string, items: DigestLine[]) => {
      if (items.length > 0)
        blocks.push({ kind: 'list', heading, items: items.map((l) => this.digestLine(l)) });
    };
    lines(t.digest.waiting(digest.waiting.length), digest.waiting);
    lines(t.digest.overdue(digest.overdue.length), digest.overdue);
    if (digest.waiting.length === 0 && digest.overdue.length === 0) blocks.push(paragraph(t.digest.nothing));
    if (digest.notices.length > 0) {
      blocks.push({
        kind: 'list',
        heading: t.digest.notices(digest.notices.length),
        items: digest.notices.map((n) => {
          const line: Inline[] = [t.digest.notice(n.subject, n.title, this.when(n.at))];
          if (n.initiativeId)
            line.push(link(t.open, initiativeUrl(this.context.publicWebUrl, n.initiativeId)));
          return line;
        }),
      });
    }
    blocks.push(this.footer());
    const overdue = digest.waiting.filter((l) => l.overdue).length + digest.overdue.length;
    return {
      lang: this.email.person.locale,
      subject: t.digest.subject(day, digest.waiting.length, overdue),
      blocks,
    };
  }

  private headline(title: string, known: KnownFacts): string {
    const write = this.t.headline[known.kind] as (title: string, facts: KnownFacts['facts']) => string;
    return write(title, known.facts);
  }

  private greeting(): Block {
    const { person } = this.email;
    return paragraph(this.t.greeting(person.displayName ?? person.id));
  }

  private behalf(): Block[] {
    const { onBehalfOf } = this.email;
    return onBehalfOf ? [paragraph(this.t.onBehalfOf(onBehalfOf.displayName ?? onBehalfOf.id))] : [];
  }

  private footer(): Block {
    const { t } = this;
    return {
      kind: 'footer',
      parts: [t.settings, link(t.settingsLink, settingsUrl(this.context.publicWebUrl))],
    };
  }

  private waitLine(w: WaitSummary): string {
    const { t } = this;
    const what = isWaitKind(w.kind)
      ? t.wait[w.kind](w.subject ?? null)
      : [w.kind, w.subject].filter(Boolean).join(' ');
    return t.waitLine({
      what,
      whom: this.whom(w.who),
      since: this.when(w.since),
      due: w.dueAt ? this.when(w.dueAt) : null,
      overdue: w.overdue ?? (w.dueAt !== null && Date.parse(w.dueAt) < this.context.now.getTime()),
      escalatedTo: w.escalatedTo ?? null,
    });
  }

  private digestLine(line: DigestLine): Inline[] {
    const { t } = this;
    const parts: Inline[] = [`"${line.title}":`, this.waitLine(line)];
    if (line.onBehalfOf) parts.push(`(${t.digest.onBehalfOf(line.onBehalfOf)})`);
    parts.push(link(t.open, initiativeUrl(this.context.publicWebUrl, line.initiativeId)));
    return parts;
  }

  private whom(who: WaitWho): string {
    const { t } = this;
    const names = [
      ...(who.role ? [t.who.role(who.role)] : []),
      ...(who.department ? [t.who.department(who.department)] : []),
      ...(who.person ? [who.person] : []),
      ...(who.dataSource ? [t.who.dataSource(who.dataSource)] : []),
    ];
    return names.join(t.or);
  }

  private when(iso: string): string {
    const at = Date.parse(iso);
    return Number.isNaN(at) ? iso : this.date.format(at);
  }
}

/** A wait as the register keeps it, or as a digest lists it. */
interface WaitSummary {
  kind: string;
  who: WaitWho;
  subject?: string | null | undefined;
  since: string;
  dueAt: string | null;
  escalatedTo?: string | null;
  overdue?: boolean;
}

const paragraph = (...parts: Inline[]): Block => ({ kind: 'paragraph', parts });

/** An assignment's payload names the initiative's title (a notice's comes from the register). */
function titleIn(payload: Record<string, unknown>): string | undefined {
  return typeof payload['title'] === 'string' ? payload['title'] : undefined;
}

/**
 * Whether a wait of the initiative is one the notification's recipient is told of: a wait on them,
 * one escalated to them, or the item an escalation names (told before the register records the
 * escalation on the wait).
 */
function concerns(n: DueEmail['notification'], known: KnownFacts | undefined, wait: WaitingOn): boolean {
  const { to } = n;
  const on = wait.who;
  // A notification naming a person is theirs (a trainee's names their department as context only).
  if (to.person) {
    if (on.person === to.person) return true;
  } else if ((to.role && on.role === to.role) || (to.department && on.department === to.department)) {
    return true;
  }
  if (to.role && wait.escalatedTo === to.role) return true;
  switch (known?.kind) {
    case 'approval-escalation':
      return wait.kind === 'approval' && !!on.role && known.facts.pending.includes(on.role);
    case 'task-escalation':
      return wait.kind === 'task' && wait.subject === known.facts.id;
    case 'training-escalation':
      return wait.kind === 'training' && wait.subject === known.facts.id;
    case 'baseline-escalation':
      return wait.kind === 'baseline';
    default:
      return false;
  }
}
