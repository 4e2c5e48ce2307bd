import { Link } from '@tanstack/react-router';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format';
import { personLabel } from '../people/person-label';
import { useMe } from '../people/queries';
import { PhaseBadge } from '../ui/badges';
import { DueBadge } from '../ui/DueBadge';
import { ErrorNotice } from '../ui/ErrorNotice';
import { useDocumentTitle } from '../ui/use-document-title';
import { useNow } from '../ui/use-now';
import { useWaitLabel, useWhom } from '../ui/waits';
import { useMyWork } from './queries';
import { WorkActions } from './WorkActions';
import type { WorkEntry } from './work-items';

/** The name of someone the caller stands in for, as the directory has it. */
function useDelegatorName() {
  const standingInFor = useMe().data?.standingInFor;
  return (id: string) =>
    personLabel(
      standingInFor?.find((p) => p.id === id),
      id,
    );
}

/** A delegated item: whose it is, said as part of it. */
function Delegated({ person }: { person: string }) {
  const { t } = useTranslation();
  const name = useDelegatorName();
  return (
    <span className="delegated">
      <span className="badge badge-info">{t('myWork.delegated')}</span>{' '}
      {t('myWork.forPerson', { name: name(person) })}
    </span>
  );
}

function WorkCard({ entry, now }: { entry: WorkEntry; now: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const whom = useWhom();
  const waitLabel = useWaitLabel();
  const titleId = useId();
  const { initiative, wait, onBehalfOf } = entry;
  return (
    <li className={`card work-card${onBehalfOf ? ' work-card-delegated' : ''}`}>
      <article aria-labelledby={titleId}>
        <div className="work-card-head">
          <h2 id={titleId} className="card-title">
            <Link
              to="/initiatives/$id"
              params={{ id: initiative.id }}
              search={onBehalfOf ? { for: onBehalfOf } : {}}
            >
              {initiative.title}
            </Link>
          </h2>
          {onBehalfOf && <Delegated person={onBehalfOf} />}
          <PhaseBadge phase={initiative.phase} />
          <span className="muted">
            {t('initiative.cycleOf', { cycle: initiative.cycle, max: initiative.maxCycles })}
          </span>
        </div>
        <p className="wait-line">
          <strong>{waitLabel(wait)}</strong>
          <span className="muted">
            {' · '}
            {t('myWork.waitingOn', { whom: whom(wait.who) })}
            {' · '}
            {t('myWork.since', { when: format.dateTime(wait.since) })}
          </span>
        </p>
        <p className="due-line">
          <DueBadge dueAt={wait.dueAt} now={now} />
          {wait.remindersSent > 0 && (
            <span className="badge badge-neutral">
              {t('myWork.reminders', { count: wait.remindersSent })}
            </span>
          )}
          {wait.escalatedTo && (
            <span className="badge badge-danger">{t('myWork.escalatedTo', { role: wait.escalatedTo })}</span>
          )}
        </p>
        <WorkActions entry={entry} />
      </article>
    </li>
  );
}

function WatchingList({ entries, now }: { entries: WorkEntry[]; now: number }) {
  const { t } = useTranslation();
  const whom = useWhom();
  const waitLabel = useWaitLabel();
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="watching">
      <h2 id={headingId}>{t('myWork.watchingTitle')}</h2>
      <p className="muted">{t('myWork.watchingLead')}</p>
      <ul className="compact-list">
        {entries.map(({ initiative, wait, onBehalfOf }, index) => (
          <li key={`${initiative.id}-${wait.kind}-${wait.subject ?? ''}-${onBehalfOf ?? ''}-${index}`}>
            <Link
              to="/initiatives/$id"
              params={{ id: initiative.id }}
              search={onBehalfOf ? { for: onBehalfOf } : {}}
            >
              {initiative.title}
            </Link>
            <span>
              {waitLabel(wait)} · {whom(wait.who)}
            </span>
            {onBehalfOf && <Delegated person={onBehalfOf} />}
            <DueBadge dueAt={wait.dueAt} now={now} />
          </li>
        ))}
      </ul>
    </section>
  );
}

export function MyWorkPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const work = useMyWork();
  const now = useNow(5_000);
  useDocumentTitle(t('myWork.title'));
  const actionable = work.data?.actionable ?? [];
  const watching = work.data?.watching ?? [];
  return (
    <>
      <div className="page-header">
        <h1>{t('myWork.title')}</h1>
        <p className="lead">{t('myWork.lead')}</p>
        {work.dataUpdatedAt > 0 && (
          <p className="muted small">
            {t('common.updatedAt', { when: format.time(new Date(work.dataUpdatedAt).toISOString()) })}
          </p>
        )}
      </div>
      {work.isPending && <p className="muted">{t('common.loading')}</p>}
      <ErrorNotice error={work.error} />
      {work.isSuccess && actionable.length === 0 && (
        <div className="empty-state">
          <p className="empty-title">{t('myWork.emptyTitle')}</p>
          <p>{t('myWork.emptyBody')}</p>
          <Link to="/register">{t('myWork.browseRegister')}</Link>
        </div>
      )}
      {actionable.length > 0 && (
        <ol className="work-list" aria-label={t('myWork.listLabel', { count: actionable.length })}>
          {actionable.map((entry, index) => (
            <WorkCard
              key={`${entry.initiative.id}-${entry.wait.kind}-${entry.wait.subject ?? ''}-${entry.onBehalfOf ?? ''}-${index}`}
              entry={entry}
              now={now}
            />
          ))}
        </ol>
      )}
      {watching.length > 0 && <WatchingList entries={watching} now={now} />}
    </>
  );
}
