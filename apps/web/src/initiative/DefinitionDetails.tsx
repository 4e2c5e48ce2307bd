import { useTranslation } from 'react-i18next';
import type { InitiativeState } from '../api/types';
import { useFormat } from '../i18n/format';
import { useKpiSource } from './DataCollection';

/** The goal (KPIs and targets) and the policy, in human units. */
export function DefinitionDetails({ state }: { state: InitiativeState }) {
  const { t } = useTranslation();
  const format = useFormat();
  const sourceOf = useKpiSource();
  const { kpis, policy } = state.definition;
  const approval = policy.approval;
  const mode =
    approval.mode === 'quorum'
      ? t('policy.modeQuorum', { count: approval.quorum ?? 1, total: approval.roles.length })
      : t(`policy.mode.${approval.mode}`);
  return (
    <div className="definition">
      <ul className="plain-list">
        {kpis.map((kpi) => {
          const baseline = state.baseline.find((b) => b.kpi === kpi.name);
          return (
            <li key={kpi.name}>
              <strong>{kpi.name}</strong> ({kpi.unit}) · {t(`direction.${kpi.direction}`)} ·{' '}
              {t(`aggregate.${kpi.aggregate}`)} ·{' '}
              {kpi.target.kind === 'absolute'
                ? t('kpi.targetAbsolute', { value: format.number(kpi.target.value), unit: kpi.unit })
                : t('kpi.targetRelative', { percent: format.number(kpi.target.improvementPercent) })}
              {baseline && (
                <>
                  {' '}
                  ·{' '}
                  {t('kpi.baseline', {
                    value: format.number(baseline.value),
                    samples: baseline.samples,
                    unit: kpi.unit,
                  })}
                </>
              )}
              <span className="block small muted user-text">{sourceOf(kpi)}</span>
            </li>
          );
        })}
      </ul>
      <dl className="facts">
        <div>
          <dt>{t('policy.approval')}</dt>
          <dd>
            {mode}: {approval.roles.join(', ')}
          </dd>
        </div>
        <div>
          <dt>{t('policy.reminders')}</dt>
          <dd>
            {t('policy.remindersValue', {
              every: format.duration(approval.reminderIntervalMs),
              count: approval.maxReminders,
              role: approval.escalateTo,
            })}
          </dd>
        </div>
        <div>
          <dt>{t('policy.assessment')}</dt>
          <dd>{format.duration(policy.assessmentPeriodMs)}</dd>
        </div>
        <div>
          <dt>{t('policy.evaluationWindow')}</dt>
          <dd>
            {t('policy.evaluationValue', {
              window: format.duration(policy.evaluationWindowMs),
              count: policy.minSamples,
            })}
          </dd>
        </div>
        <div>
          <dt>{t('policy.cycles')}</dt>
          <dd>{t('policy.cyclesValue', { count: policy.maxCycles })}</dd>
        </div>
        <div>
          <dt>{t('policy.followUps')}</dt>
          <dd>
            {t('policy.followUpsValue', {
              every: format.duration(policy.followUpIntervalMs),
              count: policy.followUpsToComplete,
            })}
          </dd>
        </div>
        <div>
          <dt>{t('policy.implementationReminders')}</dt>
          <dd>
            {t('policy.implementationValue', {
              every: format.duration(policy.implementationReminderIntervalMs),
              count: policy.implementationMaxReminders,
            })}
          </dd>
        </div>
        <div>
          <dt>{t('policy.managers')}</dt>
          <dd>{policy.managerRoles.join(', ')}</dd>
        </div>
      </dl>
    </div>
  );
}
