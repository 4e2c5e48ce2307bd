import { useTranslation } from 'react-i18next';
import type { Initiative } from '../api/types';
import { ConfirmTaskButton, ConfirmTrainingButton } from './actions/ConfirmButtons';
import { DecisionForm } from './actions/DecisionForm';
import { ExtendCycleLimitForm, FeedbackForm, ReasonForm, ResumeButton } from './actions/LifecycleForms';
import { PlanForm } from './actions/PlanForm';
import { MeasureItems } from './MeasureItems';

/** What the caller may do now, per the initiative's `may`, and nothing else. */
export function ActionsPanel({ initiative }: { initiative: Initiative }) {
  const { t } = useTranslation();
  const { may, state } = initiative;
  const id = state.definition.id;
  const title = state.definition.title;
  const plan = state.plan;
  const waitingOnCaller =
    may.submitPlan ||
    !!may.decide ||
    may.completeTasks.length > 0 ||
    may.completeTrainings.length > 0 ||
    may.resume ||
    may.extendCycleLimit;
  return (
    <div className="actions">
      {!waitingOnCaller && <p className="muted">{t('actions.nothingWaiting')}</p>}
      {may.submitPlan && (
        <PlanForm key={`${state.cycle}-${plan?.version ?? 0}`} initiativeId={id} state={state} />
      )}
      {may.decide && (
        <section className="card action-card" aria-labelledby="decide-heading">
          <h3 id="decide-heading">{t('actions.decideTitle', { version: may.decide.planVersion })}</h3>
          {plan && plan.version === may.decide.planVersion && (
            <ul className="plain-list plan-summary">
              <MeasureItems measures={plan.measures} />
              {plan.tasks.map((task) => (
                <li key={task.id} className="user-text">
                  {t('actions.taskLine', { id: task.id, title: task.title, department: task.department })}
                </li>
              ))}
              {plan.trainees.length > 0 && (
                <li>
                  {t('actions.traineesLine', { people: plan.trainees.map((p) => p.person).join(', ') })}
                </li>
              )}
            </ul>
          )}
          <DecisionForm
            initiativeId={id}
            title={title}
            planVersion={may.decide.planVersion}
            roles={may.decide.roles}
          />
        </section>
      )}
      {(may.completeTasks.length > 0 || may.completeTrainings.length > 0) && (
        <section className="card action-card" aria-labelledby="implementation-heading">
          <h3 id="implementation-heading">{t('actions.implementationTitle')}</h3>
          <ul className="plain-list confirm-list">
            {may.completeTasks.map((taskId) => {
              const task = plan?.tasks.find((x) => x.id === taskId);
              return (
                <li key={`task-${taskId}`}>
                  {task && <span className="user-text">{task.title}</span>}
                  <ConfirmTaskButton initiativeId={id} title={title} taskId={taskId} />
                </li>
              );
            })}
            {may.completeTrainings.map((person) => (
              <li key={`training-${person}`}>
                <ConfirmTrainingButton initiativeId={id} title={title} person={person} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {may.resume && <ResumeButton initiativeId={id} title={title} />}
      {may.extendCycleLimit && (
        <ExtendCycleLimitForm initiativeId={id} title={title} maxCycles={state.maxCycles} />
      )}
      {(may.pause || may.cancel) && (
        <details className="manage">
          <summary>{t('actions.manage')}</summary>
          {may.pause && <ReasonForm initiativeId={id} title={title} kind="pause" />}
          {may.cancel && <ReasonForm initiativeId={id} title={title} kind="cancel" />}
        </details>
      )}
      <FeedbackForm initiativeId={id} title={title} />
    </div>
  );
}
