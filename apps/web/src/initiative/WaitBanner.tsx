import { useTranslation } from 'react-i18next';
import type { Initiative, InitiativeState, ReachedWait, WaitingOn } from '../api/types';
import { useFormat } from '../i18n/format';
import { DueBadge } from '../ui/DueBadge';
import { useNow } from '../ui/use-now';
import { useWaitLabel, useWhom } from '../ui/waits';

/** How many reminders a wait gets before it escalates, and to whom (the policy says). */
function escalation(state: InitiativeState, wait: WaitingOn): { to: string; after: number } | null {
  const { policy } = state.definition;
  if (wait.kind === 'approval')
    return { to: policy.approval.escalateTo, after: policy.approval.maxReminders };
  if (wait.kind === 'task' || wait.kind === 'training')
    return { to: policy.approval.escalateTo, after: policy.implementationMaxReminders };
  return null;
}

/**
 * A wait that reaches nobody in the directory: nobody holds its role, is in its department, or
 * the person it names is not there (nobody is told of it, nobody can act on it).
 */
function Unreached({ wait }: { wait: ReachedWait }) {
  const { t } = useTranslation();
  if (wait.reaches !== 0) return null;
  const { role, department, person } = wait.who;
  const said =
    role && person
      ? t('banner.unreached.rolePerson', { role, person })
      : role
        ? t('banner.unreached.role', { role })
        : person
          ? t('banner.unreached.person', { person })
          : t('banner.unreached.department', { department: department ?? '' });
  return (
    <p className="wait-unreached">
      <span className="badge badge-warning">{t('banner.unreached.badge')}</span> <strong>{said}</strong>{' '}
      {t('banner.unreached.consequence')}
    </p>
  );
}

/** Whom the initiative waits on, since when, the next deadline, reminders and escalation. */
export function WaitBanner({ state }: { state: Initiative['state'] }) {
  const now = useNow(1_000);
  const { t } = useTranslation();
  const format = useFormat();
  const whom = useWhom();
  const waitLabel = useWaitLabel();
  if (state.phase === 'Closed' && state.closed) {
    return (
      <section className="banner banner-closed" aria-label={t('banner.label')}>
        <p>
          <strong>{t('banner.closed', { outcome: t(`closedOutcome.${state.closed.outcome}`) })}</strong>{' '}
          {t('banner.closedBy', {
            by: state.closed.by,
            when: format.dateTime(state.closed.at, { seconds: true }),
          })}
        </p>
        {state.closed.reason && <blockquote className="user-text">{state.closed.reason}</blockquote>}
      </section>
    );
  }
  return (
    <section className="banner" aria-label={t('banner.label')}>
      {state.paused && (
        <p className="banner-paused">
          <strong>
            {t('banner.paused', {
              by: state.paused.by.onBehalfOf
                ? t('banner.byOnBehalfOf', { by: state.paused.by.user, person: state.paused.by.onBehalfOf })
                : state.paused.by.user,
              when: format.dateTime(state.paused.since, { seconds: true }),
            })}
          </strong>{' '}
          <q className="user-text">{state.paused.reason}</q>
        </p>
      )}
      {state.waitingOn.length === 0 ? (
        <p>{t('banner.nothing')}</p>
      ) : (
        <ul className="wait-list">
          {state.waitingOn.map((wait, index) => {
            const escalates = escalation(state, wait);
            return (
              <li key={`${wait.kind}-${wait.subject ?? ''}-${index}`}>
                <p className="wait-title">
                  {t('banner.waitingOn', { whom: whom(wait.who), what: waitLabel(wait) })}
                </p>
                <p className="wait-facts">
                  <span>{t('banner.since', { when: format.dateTime(wait.since, { seconds: true }) })}</span>
                  <span>
                    {t('banner.nextDeadline')} <DueBadge dueAt={wait.dueAt} now={now} />
                  </span>
                  {(wait.kind === 'approval' || wait.kind === 'task' || wait.kind === 'training') && (
                    <span>{t('banner.remindersSent', { count: wait.remindersSent })}</span>
                  )}
                  {wait.escalatedTo ? (
                    <span className="badge badge-danger">
                      {t('banner.escalatedTo', { role: wait.escalatedTo })}
                    </span>
                  ) : (
                    escalates && (
                      <span>{t('banner.escalatesTo', { role: escalates.to, count: escalates.after })}</span>
                    )
                  )}
                </p>
                <Unreached wait={wait} />
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
