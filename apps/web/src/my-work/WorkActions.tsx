import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ActingForProvider } from '../initiative/acting-for';
import { ConfirmTaskButton, ConfirmTrainingButton } from '../initiative/actions/ConfirmButtons';
import { DecisionForm } from '../initiative/actions/DecisionForm';
import { initiativeQuery } from '../initiative/queries';
import { ErrorNotice } from '../ui/ErrorNotice';
import type { WorkEntry } from './work-items';
import { MeasureItems } from '../initiative/MeasureItems';

const ACTED_IN_PLACE = new Set(['approval', 'task', 'training']);

/**
 * What the caller may do about one wait, right here; the initiative's `may` decides what shows.
 * A wait of someone they stand in for is read, and acted on, for that person.
 */
export function WorkActions({ entry }: { entry: WorkEntry }) {
  return (
    <ActingForProvider person={entry.onBehalfOf ?? undefined}>
      <Actions entry={entry} />
    </ActingForProvider>
  );
}

function Actions({ entry }: { entry: WorkEntry }) {
  const { t } = useTranslation();
  const { initiative, wait } = entry;
  const onBehalfOf = entry.onBehalfOf ?? undefined;
  const inPlace = ACTED_IN_PLACE.has(wait.kind);
  const detail = useQuery({ ...initiativeQuery(initiative.id, onBehalfOf), enabled: inPlace });
  const open = (
    <Link
      to="/initiatives/$id"
      params={{ id: initiative.id }}
      search={onBehalfOf ? { for: onBehalfOf } : {}}
      hash="actions"
      className="button button-quiet"
    >
      {t(`myWork.open.${wait.kind}`)}
    </Link>
  );
  if (!inPlace) return <div className="work-actions">{open}</div>;
  if (detail.isPending) return <p className="muted work-actions">{t('myWork.checking')}</p>;
  if (detail.error) return <ErrorNotice error={detail.error} />;
  const { may } = detail.data;
  const subject = wait.subject ?? '';
  if (wait.kind === 'approval' && may.decide) {
    const plan = detail.data.state.plan;
    return (
      <>
        {plan && plan.version === may.decide.planVersion && (
          <ul className="plain-list plan-summary">
            <MeasureItems measures={plan.measures} />
            {plan.tasks.length + plan.trainees.length > 0 && (
              <li className="muted">
                {t('myWork.planExtent', {
                  tasks: t('audit.detail.tasks', { count: plan.tasks.length }),
                  trainees: t('audit.detail.trainees', { count: plan.trainees.length }),
                })}
              </li>
            )}
          </ul>
        )}
        <DecisionForm
          initiativeId={initiative.id}
          title={initiative.title}
          planVersion={may.decide.planVersion}
          roles={may.decide.roles}
        />
      </>
    );
  }
  if (wait.kind === 'task' && may.completeTasks.includes(subject)) {
    return <ConfirmTaskButton initiativeId={initiative.id} title={initiative.title} taskId={subject} />;
  }
  if (wait.kind === 'training' && may.completeTrainings.includes(subject)) {
    return <ConfirmTrainingButton initiativeId={initiative.id} title={initiative.title} person={subject} />;
  }
  return (
    <div className="work-actions">
      <p className="muted">{t('myWork.nothingToDo')}</p>
      {open}
    </div>
  );
}
