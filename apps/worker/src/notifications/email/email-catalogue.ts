import type { AssignmentKind, Locale, MailKind, WaitKind } from '@cio/contracts';
import type { NoticeFacts } from '@cio/domain';

/**
 * Every sentence an email says, in each language people read them in. Plain text: the renderer
 * escapes it for HTML. Names, titles and ids come in as arguments and are never translated.
 */

/** What an assignment's notification states besides its initiative: the wait's subject. */
export interface AssignmentFacts {
  subject: string | null;
}

export type MailFacts = NoticeFacts & { [K in AssignmentKind]: AssignmentFacts };

type Headlines = { [K in MailKind]: (title: string, facts: MailFacts[K]) => string };

export interface EmailCatalogue {
  greeting(name: string): string;
  /** A headline as the email's first sentence. */
  sentence(text: string): string;
  /** The subject line and first sentence of each kind of notification. */
  headline: Headlines;
  onBehalfOf(name: string): string;
  waitsHeading: string;
  escalatedHeading: string;
  /** A notification about a wait that has closed since it was written. */
  noLongerWaiting: string;
  wait: Record<WaitKind, (subject: string | null) => string>;
  who: { role(name: string): string; department(name: string): string; dataSource(name: string): string };
  or: string;
  /** One wait: what, on whom, since when, and its deadline. */
  waitLine(line: {
    what: string;
    whom: string;
    since: string;
    due: string | null;
    overdue: boolean;
    escalatedTo: string | null;
  }): string;
  open: string;
  settings: string;
  settingsLink: string;
  digest: {
    subject(day: string, waiting: number, overdue: number): string;
    intro(day: string): string;
    waiting(count: number): string;
    overdue(count: number): string;
    notices(count: number): string;
    nothing: string;
    onBehalfOf(name: string): string;
    notice(subject: string, title: string | null, at: string): string;
  };
}

const list = (items: readonly string[], separator: string) => items.join(separator);

const en: EmailCatalogue = {
  greeting: (name) => `Hello ${name},`,
  sentence: (text) => (/[.!?]$/.test(text) ? text : `${text}.`),
  headline: {
    'approval-reminder': (title, f) =>
      `Plan v${f.planVersion} of "${title}" awaits your approval (reminder ${f.number}/${f.maxReminders})`,
    'approval-escalation': (title, f) =>
      `Plan v${f.planVersion} of "${title}" still lacks approval from ${list(f.pending, ', ')}`,
    'task-reminder': (title, f) => `Reminder: task '${f.id}' of "${title}" was due`,
    'task-escalation': (title, f) => `Task '${f.id}' of "${title}" is overdue`,
    'training-reminder': (title, f) => `Reminder: the training of ${f.id} for "${title}" was due`,
    'training-escalation': (title, f) => `The training of ${f.id} for "${title}" is overdue`,
    'baseline-escalation': (title, f) =>
      `The baseline of "${title}" is short of samples: ${list(f.short, ', ')}`,
    'evaluation-ready': (title, f) =>
      `Evaluation of cycle ${f.cycle} of "${title}": ${f.met ? 'target met' : 'target not met'}`,
    'evaluation-inconclusive': (title, f) =>
      f.review === undefined
        ? `Evaluation of cycle ${f.cycle} of "${title}" is inconclusive: too few samples` +
          (f.short.length > 0 ? ` for ${list(f.short, ', ')}` : '')
        : `Follow-up review ${f.review} of "${title}" is inconclusive: too few samples`,
    'target-met': (title, f) => `"${title}" met its target in cycle ${f.cycle}`,
    regression: (title, f) =>
      `"${title}" regressed at follow-up review ${f.review}: reopened as cycle ${f.reopenedAs}`,
    'cycle-limit-reached': (title, f) =>
      `"${title}" reached its limit of ${f.maxCycles} cycles: extend or close it`,
    'approval-requested': (title, f) => `The ${f.subject ?? 'plan'} of "${title}" awaits your approval`,
    'task-assigned': (title, f) =>
      f.subject ? `Task '${f.subject}' of "${title}" is yours to complete` : `A task of "${title}" is yours`,
    'training-assigned': (title, f) =>
      f.subject ? `The training of ${f.subject} for "${title}" awaits` : `A training for "${title}" awaits`,
  },
  onBehalfOf: (name) => `You receive this on behalf of ${name}, who delegated their work to you.`,
  waitsHeading: 'What waits on you there:',
  escalatedHeading: 'What was escalated to you there:',
  noLongerWaiting: 'Nothing waits on you there any more: someone may have acted already.',
  wait: {
    baseline: (s) => (s ? `Baseline measurements of ${s}` : 'Baseline measurements'),
    plan: () => 'A plan to submit',
    approval: (s) => `Approval of the ${s ?? 'plan'}`,
    task: (s) => `Task '${s ?? ''}'`,
    training: (s) => (s ? `Training of ${s}` : 'A training'),
    'evaluation-window': (s) =>
      s ? `The evaluation window of ${s} to close` : 'The evaluation window to close',
    'follow-up': (s) => (s ? `The ${s}` : 'The next follow-up review'),
    'cycle-limit-decision': () => 'A decision at the cycle limit: extend or close',
    resume: () => 'Resuming the initiative',
    'data-source': (s) => `Its data, still being collected from ${s ?? 'a data source'}`,
  },
  who: {
    role: (name) => `role ${name}`,
    department: (name) => `department ${name}`,
    dataSource: (name) => `data source ${name}`,
  },
  or: ' or ',
  waitLine: ({ what, whom, since, due, overdue, escalatedTo }) =>
    `${what}: waiting on ${whom} since ${since}; ` +
    (due ? `due ${due}${overdue ? ' (overdue)' : ''}` : 'no due date') +
    (escalatedTo ? `; escalated to ${escalatedTo}` : ''),
  open: 'Open the initiative to act on it',
  settings:
    'You receive this email because of your notification settings: per kind, at once, in the daily digest or not at all.',
  settingsLink: 'Change your notification settings',
  digest: {
    subject: (day, waiting, overdue) =>
      `Your digest for ${day}: ${waiting} waiting on you` + (overdue > 0 ? `, ${overdue} overdue` : ''),
    intro: (day) => `Your daily digest for ${day}.`,
    waiting: (n) => `Waiting on you (${n}):`,
    overdue: (n) => `Overdue in initiatives that escalate to you (${n}):`,
    notices: (n) => `Notifications since your last digest (${n}):`,
    nothing: 'Nothing waits on you today.',
    onBehalfOf: (name) => `on behalf of ${name}`,
    notice: (subject, title, at) => `${subject}${title ? ` ("${title}")` : ''}, ${at}`,
  },
};

const zhCN: EmailCatalogue = {
  greeting: (name) => `${name}，您好：`,
  sentence: (text) => (/[。！？.!?]$/.test(text) ? text : `${text}。`),
  headline: {
    'approval-reminder': (title, f) =>
      `“${title}”的计划 v${f.planVersion} 等待你审批（第 ${f.number}/${f.maxReminders} 次提醒）`,
    'approval-escalation': (title, f) =>
      `“${title}”的计划 v${f.planVersion} 仍缺少 ${list(f.pending, '、')} 的审批`,
    'task-reminder': (title, f) => `提醒：“${title}”的任务“${f.id}”已到期`,
    'task-escalation': (title, f) => `“${title}”的任务“${f.id}”已逾期`,
    'training-reminder': (title, f) => `提醒：“${title}”中 ${f.id} 的培训已到期`,
    'training-escalation': (title, f) => `“${title}”中 ${f.id} 的培训已逾期`,
    'baseline-escalation': (title, f) => `“${title}”的基线样本不足：${list(f.short, '、')}`,
    'evaluation-ready': (title, f) =>
      `“${title}”第 ${f.cycle} 周期的评估：${f.met ? '目标已达成' : '目标未达成'}`,
    'evaluation-inconclusive': (title, f) =>
      f.review === undefined
        ? `“${title}”第 ${f.cycle} 周期的评估无法得出结论：` +
          (f.short.length > 0 ? `${list(f.short, '、')} 的样本不足` : '样本不足')
        : `“${title}”的第 ${f.review} 次跟进复查无法得出结论：样本不足`,
    'target-met': (title, f) => `“${title}”在第 ${f.cycle} 周期达成目标`,
    regression: (title, f) =>
      `“${title}”在第 ${f.review} 次跟进复查中出现回退：已作为第 ${f.reopenedAs} 周期重新开启`,
    'cycle-limit-reached': (title, f) => `“${title}”已达到 ${f.maxCycles} 个周期的上限：请增加周期或关闭`,
    'approval-requested': (title, f) => `“${title}”的计划等待你审批` + (f.subject ? `（${f.subject}）` : ''),
    'task-assigned': (title, f) =>
      f.subject ? `“${title}”的任务“${f.subject}”等待你完成` : `“${title}”有一项任务等待你完成`,
    'training-assigned': (title, f) =>
      f.subject ? `“${title}”中 ${f.subject} 的培训等待完成` : `“${title}”有一项培训等待完成`,
  },
  onBehalfOf: (name) => `你代表 ${name} 收到此邮件：${name} 已将工作委托给你。`,
  waitsHeading: '那里等待你处理的事项：',
  escalatedHeading: '那里已升级给你的事项：',
  noLongerWaiting: '那里已没有等待你处理的事项：可能已有人处理。',
  wait: {
    baseline: (s) => (s ? `基线测量（${s}）` : '基线测量'),
    plan: () => '待提交计划',
    approval: (s) => (s ? `计划审批（${s}）` : '计划审批'),
    task: (s) => `任务“${s ?? ''}”`,
    training: (s) => (s ? `${s} 的培训` : '培训'),
    'evaluation-window': (s) => (s ? `等待评估窗口结束（${s}）` : '等待评估窗口结束'),
    'follow-up': (s) => (s ? `跟进复查（${s}）` : '下一次跟进复查'),
    'cycle-limit-decision': () => '达到周期上限后的决定：增加周期或关闭',
    resume: () => '恢复改进项',
    'data-source': (s) => `正在从 ${s ?? '数据源'} 采集数据`,
  },
  who: {
    role: (name) => `${name} 角色`,
    department: (name) => `${name} 部门`,
    dataSource: (name) => `数据源 ${name}`,
  },
  or: '或',
  waitLine: ({ what, whom, since, due, overdue, escalatedTo }) =>
    `${what}：等待 ${whom}，始于 ${since}；` +
    (due ? `截止 ${due}${overdue ? '（已逾期）' : ''}` : '无截止时间') +
    (escalatedTo ? `；已升级至 ${escalatedTo}` : ''),
  open: '打开改进项进行处理',
  settings: '你收到此邮件是因为你的通知设置：可按类型选择立即发送、每日摘要或不发送。',
  settingsLink: '更改通知设置',
  digest: {
    subject: (day, waiting, overdue) =>
      `${day} 每日摘要：${waiting} 项待你处理` + (overdue > 0 ? `，${overdue} 项已逾期` : ''),
    intro: (day) => `${day} 的每日摘要。`,
    waiting: (n) => `等待你处理（${n} 项）：`,
    overdue: (n) => `升级给你的改进项中已逾期（${n} 项）：`,
    notices: (n) => `自上次摘要以来的通知（${n} 条）：`,
    nothing: '今天没有等待你处理的事项。',
    onBehalfOf: (name) => `代表 ${name}`,
    notice: (subject, title, at) => `${subject}${title ? `（“${title}”）` : ''}，${at}`,
  },
};

export const EMAIL_CATALOGUES: Record<Locale, EmailCatalogue> = { en, 'zh-CN': zhCN };
