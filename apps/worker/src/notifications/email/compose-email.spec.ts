import {
  ASSIGNMENT_KINDS,
  DIGEST_KIND,
  type DigestPayload,
  LOCALES,
  type Locale,
  type MailKind,
  NOTIFICATION_KINDS,
  type WaitingOn,
} from '@cio/contracts';
import { composeEmail, type EmailToCompose } from './compose-email';
import type { MailFacts } from './email-catalogue';

const context = {
  publicWebUrl: 'https://cio.example.com/app',
  timeZone: 'UTC',
  now: new Date('2026-12-02T09:00:00Z'),
};

/** What each kind states, as the workflow (or the register, for assignments) writes it. */
const FACTS: { [K in MailKind]: MailFacts[K] } = {
  'approval-reminder': { planVersion: 2, number: 1, maxReminders: 3 },
  'approval-escalation': { planVersion: 2, pending: ['change-board', 'cs-lead'] },
  'task-reminder': { id: 'update-kb' },
  'task-escalation': { id: 'update-kb' },
  'training-reminder': { id: 'li' },
  'training-escalation': { id: 'li' },
  'baseline-escalation': { short: ['first-response-minutes'] },
  'evaluation-ready': { cycle: 1, met: false },
  'evaluation-inconclusive': { cycle: 1, short: ['first-response-minutes'] },
  'target-met': { cycle: 2 },
  regression: { review: 1, reopenedAs: 3 },
  'cycle-limit-reached': { maxCycles: 3 },
  'approval-requested': { subject: 'plan version 2' },
  'task-assigned': { subject: 'update-kb' },
  'training-assigned': { subject: 'li' },
};

const approvalWait: WaitingOn = {
  kind: 'approval',
  who: { role: 'change-board' },
  subject: 'plan version 2',
  since: '2026-12-01T08:00:00Z',
  dueAt: '2026-12-03T08:00:00Z',
  remindersSent: 1,
  escalatedTo: null,
};

function email(kind: string, locale: Locale, overrides: Partial<EmailToCompose> = {}): EmailToCompose {
  return {
    notification: {
      id: '7',
      key: `initiative-cut-response-time:c1:${kind}`,
      kind,
      subject: `The stored English subject of ${kind}`,
      payload: {},
      facts: (FACTS as Record<string, unknown>)[kind] as Record<string, unknown>,
      to: { role: 'change-board' },
      createdAt: new Date('2026-12-02T08:00:00Z'),
    },
    person: { id: 'li', email: 'li@example.com', displayName: 'Li Wei', locale },
    onBehalfOf: null,
    initiative: { id: 'cut-response-time', title: 'Cut response time', waitingOn: [approvalWait] },
    ...overrides,
  };
}

const digest: DigestPayload = {
  day: '2026-12-02',
  waiting: [
    {
      initiativeId: 'cut-response-time',
      title: 'Cut response time',
      kind: 'approval',
      subject: 'plan version 2',
      who: { role: 'change-board' },
      since: '2026-12-01T08:00:00Z',
      dueAt: '2026-12-01T20:00:00Z',
      overdue: true,
      onBehalfOf: 'ming',
    },
  ],
  overdue: [
    {
      initiativeId: 'faster-refunds',
      title: 'Faster refunds',
      kind: 'task',
      subject: 'retrain-staff',
      who: { department: 'it' },
      since: '2026-11-20T08:00:00Z',
      dueAt: '2026-11-30T08:00:00Z',
      overdue: true,
      onBehalfOf: null,
    },
  ],
  notices: [
    {
      kind: 'target-met',
      initiativeId: 'faster-refunds',
      title: 'Faster refunds',
      subject: '"Faster refunds" met its target in cycle 1',
      at: '2026-12-01T10:00:00Z',
    },
  ],
};

const digestEmail = (locale: Locale, payload: unknown = digest): EmailToCompose => ({
  notification: {
    id: '8',
    key: `digest:li:${digest.day}`,
    kind: DIGEST_KIND,
    subject: 'Your digest for 2026-12-02',
    payload: payload as Record<string, unknown>,
    facts: null,
    to: { person: 'li' },
    createdAt: new Date('2026-12-02T07:00:00Z'),
  },
  person: { id: 'li', email: 'li@example.com', displayName: 'Li Wei', locale },
  onBehalfOf: null,
  initiative: null,
});

/** Words a template would show for a missing value. */
const LEAKS = /undefined|NaN|null|\[object|Invalid Date/;

describe('composeEmail', () => {
  const kinds = [...NOTIFICATION_KINDS, ...ASSIGNMENT_KINDS];

  describe.each(LOCALES)('in %s', (locale) => {
    it.each(kinds)('renders %s from its facts, with the deep link and the settings link', (kind) => {
      const rendered = composeEmail(email(kind, locale), context);
      for (const part of [rendered.subject, rendered.text, rendered.html]) expect(part).not.toMatch(LEAKS);
      expect(rendered.subject).not.toContain('stored English subject');
      expect(rendered.subject.length).toBeGreaterThan(10);
      expect(rendered.text).toContain(rendered.subject);
      expect(rendered.text).toContain('https://cio.example.com/app/initiatives/cut-response-time');
      expect(rendered.text).toContain('https://cio.example.com/app/settings');
      expect(rendered.html).toContain('href="https://cio.example.com/app/initiatives/cut-response-time"');
      expect(rendered.html).toContain('href="https://cio.example.com/app/settings"');
      expect(rendered.html).toContain(`<html lang="${locale}">`);
    });

    it('renders a daily digest: each line links its initiative; overdue ones say so', () => {
      const rendered = composeEmail(digestEmail(locale), context);
      for (const part of [rendered.subject, rendered.text, rendered.html]) expect(part).not.toMatch(LEAKS);
      expect(rendered.text).toContain('https://cio.example.com/app/initiatives/cut-response-time');
      expect(rendered.text).toContain('https://cio.example.com/app/initiatives/faster-refunds');
      expect(rendered.text).toContain('https://cio.example.com/app/settings');
      expect(rendered.text).toContain('"Faster refunds" met its target in cycle 1');
      expect(rendered.text).toContain('ming');
      expect(rendered.text).toContain(locale === 'en' ? '(overdue)' : '（已逾期）');
      expect(rendered.subject).toContain(locale === 'en' ? 'December 2, 2026' : '2026年12月2日');
    });

    it('falls back to the stored subject when the facts are missing or not what the kind states', () => {
      for (const facts of [null, { planVersion: 'two' }]) {
        const rendered = composeEmail(
          email('approval-reminder', locale, {
            notification: { ...email('approval-reminder', locale).notification, facts },
          }),
          context,
        );
        expect(rendered.subject).toBe('The stored English subject of approval-reminder');
        expect(rendered.text).not.toMatch(LEAKS);
      }
    });

    it('renders a digest whose payload is not one as its stored subject', () => {
      const rendered = composeEmail(digestEmail(locale, { day: 'yesterday' }), context);
      expect(rendered.subject).toBe('Your digest for 2026-12-02');
      expect(rendered.text).not.toMatch(LEAKS);
    });
  });

  it('says what waits on the person, since when and until when, in their language', () => {
    const en = composeEmail(email('approval-reminder', 'en'), context);
    expect(en.subject).toBe('Plan v2 of "Cut response time" awaits your approval (reminder 1/3)');
    expect(en.text).toContain('Hello Li Wei,');
    expect(en.text).toContain(
      'Approval of the plan version 2: waiting on role change-board since Dec 1, 2026, 8:00 AM UTC; due Dec 3, 2026, 8:00 AM UTC',
    );
    const zh = composeEmail(email('approval-reminder', 'zh-CN'), context);
    expect(zh.subject).toBe('“Cut response time”的计划 v2 等待你审批（第 1/3 次提醒）');
    expect(zh.text).toContain('Li Wei，您好：');
    expect(zh.text).toContain(
      '计划审批（plan version 2）：等待 change-board 角色，始于 2026年12月1日 UTC 08:00；截止 2026年12月3日 UTC 08:00',
    );
  });

  it('writes dates in the organisation’s time zone', () => {
    const rendered = composeEmail(email('approval-reminder', 'en'), {
      ...context,
      timeZone: 'Asia/Shanghai',
    });
    expect(rendered.text).toContain('due Dec 3, 2026, 4:00 PM GMT+8');
  });

  it('names the delegator to a delegate', () => {
    const delegated = { onBehalfOf: { id: 'ming', displayName: 'Zhang Ming' } };
    expect(composeEmail(email('task-reminder', 'en', delegated), context).text).toContain(
      'You receive this on behalf of Zhang Ming',
    );
    expect(composeEmail(email('task-reminder', 'zh-CN', delegated), context).text).toContain(
      '你代表 Zhang Ming',
    );
  });

  it('lists, for an escalation, the waits it escalates, before the register records the escalation', () => {
    const rendered = composeEmail(
      email('approval-escalation', 'en', {
        notification: { ...email('approval-escalation', 'en').notification, to: { role: 'manager' } },
      }),
      context,
    );
    expect(rendered.text).toContain('What was escalated to you there:');
    expect(rendered.text).toContain('waiting on role change-board');
  });

  it('says so when the wait it reminds of has closed', () => {
    const rendered = composeEmail(
      email('approval-reminder', 'en', {
        initiative: { id: 'cut-response-time', title: 'Cut response time', waitingOn: [] },
      }),
      context,
    );
    expect(rendered.text).toContain('Nothing waits on you there any more');
  });

  it('escapes people’s text in the HTML and keeps it as typed in the text', () => {
    const title = '<script>alert(1)</script> & "x"';
    const rendered = composeEmail(
      email('target-met', 'en', {
        person: { id: 'li', email: 'li@example.com', displayName: '<b>Li</b>', locale: 'en' },
        initiative: { id: 'a&b', title, waitingOn: [] },
      }),
      context,
    );
    expect(rendered.html).not.toContain('<script>');
    expect(rendered.html).not.toContain('<b>Li</b>');
    expect(rendered.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;');
    expect(rendered.html).toContain('href="https://cio.example.com/app/initiatives/a%26b"');
    expect(rendered.text).toContain(title);
    expect(rendered.subject).toBe(`"${title}" met its target in cycle 2`);
  });

  it('keeps the subject on one line whatever the title holds', () => {
    const rendered = composeEmail(
      email('target-met', 'en', { initiative: { id: 'x', title: 'Two\r\nlines', waitingOn: [] } }),
      context,
    );
    expect(rendered.subject).toBe('"Two lines" met its target in cycle 2');
  });
});
