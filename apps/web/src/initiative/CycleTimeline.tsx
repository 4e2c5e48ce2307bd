import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { PlanVersionRecord, RegisterRecord } from '../api/types';
import { useFormat } from '../i18n/format';
import { VerdictBadge } from '../ui/badges';
import { useActionName, useAuditDetails } from './audit-text';
import { timelineEventsQuery } from './queries';
import { type TimelineEvent, timelineOf } from './timeline';
import { MeasureItems } from './MeasureItems';
import { useActingFor } from './acting-for';

function PlanVersion({ plan }: { plan: PlanVersionRecord }) {
  const { t } = useTranslation();
  const format = useFormat();
  const when = (iso: string | null) => (iso ? format.dateTime(iso, { seconds: true }) : t('timeline.notYet'));
  return (
    <div className="timeline-plan">
      <p className="timeline-line">
        <strong>{t('timeline.planVersion', { version: plan.version })}</strong>{' '}
        <span
          className={`badge badge-${plan.status === 'approved' ? 'success' : plan.status === 'rejected' ? 'danger' : 'neutral'}`}
        >
          {t(`planStatus.${plan.status}` as 'planStatus.approved', { defaultValue: plan.status })}
        </span>{' '}
        <span className="muted">
          {t('timeline.submittedBy', { by: plan.submittedBy, when: when(plan.submittedAt) })}
          {plan.approvedAt && ` · ${t('timeline.approvedAt', { when: when(plan.approvedAt) })}`}
        </span>
      </p>
      <ul className="plain-list">
        <MeasureItems measures={plan.measures} />
        {plan.tasks.map((task) => (
          <li key={`t${task.id}`} className="user-text">
            {t('timeline.task', {
              id: task.id,
              title: task.title,
              department: task.department,
              due: when(task.dueAt),
            })}{' '}
            {task.doneAt ? (
              <span className="badge badge-success">
                {t('timeline.doneBy', { by: task.doneBy ?? '', when: when(task.doneAt) })}
              </span>
            ) : (
              <span className="badge badge-neutral">{t('timeline.open')}</span>
            )}
          </li>
        ))}
        {plan.trainees.map((trainee) => (
          <li key={`p${trainee.person}`} className="user-text">
            {t('timeline.training', {
              person: trainee.person,
              department: trainee.department,
              due: when(trainee.dueAt),
            })}{' '}
            {trainee.completedAt ? (
              <span className="badge badge-success">
                {t('timeline.completedAt', { when: when(trainee.completedAt) })}
              </span>
            ) : (
              <span className="badge badge-neutral">{t('timeline.open')}</span>
            )}
            {trainee.remindersSent > 0 && (
              <span className="muted small"> {t('myWork.reminders', { count: trainee.remindersSent })}</span>
            )}
          </li>
        ))}
        {plan.decisions.map((d, i) => (
          <li key={`d${i}`} className="decision">
            <span className={`badge badge-${d.decision === 'approved' ? 'success' : 'danger'}`}>
              {t(`decision.${d.decision}Badge`)}
            </span>{' '}
            {t('timeline.decision', { role: d.role, by: d.decidedBy, when: when(d.decidedAt) })}
            {d.reason && <q className="user-text">{d.reason}</q>}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Event({ event }: { event: TimelineEvent }) {
  const { t } = useTranslation();
  const format = useFormat();
  const actionName = useActionName();
  const details = useAuditDetails();
  const when = <time dateTime={event.at}>{format.dateTime(event.at, { seconds: true })}</time>;
  switch (event.type) {
    case 'plan':
      return <PlanVersion plan={event.plan} />;
    case 'evaluation':
    case 'follow-up': {
      const heading =
        event.type === 'evaluation'
          ? t('timeline.evaluation')
          : t('timeline.followUp', { n: event.followUp.number });
      return (
        <div>
          <p className="timeline-line">
            <strong>{heading}</strong> <span className="muted">{when}</span>{' '}
            {event.type === 'follow-up' && event.followUp.outcome === 'regression' && (
              <VerdictBadge verdict="regression" />
            )}
          </p>
          <ul className="plain-list">
            {event.records.map((r) => (
              <li key={r.kpi}>
                {t('timeline.result', {
                  kpi: r.kpi,
                  observed: format.number(r.observed),
                  baseline: format.number(r.baseline),
                  target: format.number(r.target),
                  samples: r.samples,
                })}{' '}
                <VerdictBadge verdict={r.verdict} />
              </li>
            ))}
          </ul>
        </div>
      );
    }
    case 'audit':
      return (
        <p className="timeline-line">
          <strong>{actionName(event.entry.action)}</strong>{' '}
          <span className="muted">
            {when} · {event.entry.actor}
          </span>
          {details(event.entry).map((line, i) => (
            <span key={i} className="user-text detail">
              {' '}
              · {line}
            </span>
          ))}
        </p>
      );
  }
}

export function CycleTimeline({
  initiativeId,
  register,
}: {
  initiativeId: string;
  register: RegisterRecord;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const onBehalfOf = useActingFor();
  const trail = useQuery(timelineEventsQuery(initiativeId, onBehalfOf));
  const cycles = timelineOf(register, trail.data?.items ?? []);
  return (
    <ol className="timeline">
      {cycles.map((c) => (
        <li key={c.cycle} className="timeline-cycle">
          <h3>
            {t('timeline.cycle', { cycle: c.cycle })}{' '}
            <span className="muted small">
              {c.startedAt &&
                t('timeline.started', { when: format.dateTime(c.startedAt, { seconds: true }) })}
              {c.endedAt &&
                ` · ${t('timeline.ended', { when: format.dateTime(c.endedAt, { seconds: true }) })}`}
              {c.outcome &&
                ` · ${t(`cycleOutcome.${c.outcome}` as 'cycleOutcome.met', { defaultValue: c.outcome })}`}
            </span>
          </h3>
          {c.events.length === 0 ? (
            <p className="muted">{t('timeline.nothingYet')}</p>
          ) : (
            <ol className="timeline-events">
              {c.events.map((event, i) => (
                <li key={`${event.type}-${i}`}>
                  <Event event={event} />
                </li>
              ))}
            </ol>
          )}
        </li>
      ))}
    </ol>
  );
}
