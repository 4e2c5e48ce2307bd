import { useTranslation } from 'react-i18next';
import type { ClosureCode, OpportunityStatus, Phase, Verdict, WatchOutcome } from '../api/types';

const PHASE_TONE: Record<Phase, string> = {
  Assessing: 'info',
  Planning: 'neutral',
  AwaitingApproval: 'warning',
  Implementing: 'info',
  Evaluating: 'info',
  Sustaining: 'success',
  CycleLimitReached: 'danger',
  Paused: 'neutral',
  Closed: 'muted',
};

export function isPhase(value: string): value is Phase {
  return value in PHASE_TONE;
}

export function PhaseBadge({ phase }: { phase: string }) {
  const { t } = useTranslation();
  if (!isPhase(phase)) return <span className="badge badge-neutral">{phase}</span>;
  return <span className={`badge badge-${PHASE_TONE[phase]}`}>{t(`phase.${phase}`)}</span>;
}

const VERDICT_TONE: Record<Verdict, string> = {
  met: 'success',
  'not-met': 'danger',
  inconclusive: 'warning',
};

export function VerdictBadge({ verdict }: { verdict: Verdict | 'regression' | null | undefined }) {
  const { t } = useTranslation();
  if (!verdict) return <span className="muted">{t('verdict.none')}</span>;
  const tone = verdict === 'regression' ? 'danger' : VERDICT_TONE[verdict];
  return <span className={`badge badge-${tone}`}>{t(`verdict.${verdict}`)}</span>;
}

const STATUS_TONE: Record<OpportunityStatus, string> = {
  new: 'info',
  accepted: 'success',
  declined: 'muted',
  duplicate: 'neutral',
  promoted: 'success',
};

export function OpportunityStatusBadge({ status }: { status: OpportunityStatus }) {
  const { t } = useTranslation();
  return <span className={`badge badge-${STATUS_TONE[status]}`}>{t(`opportunityStatus.${status}`)}</span>;
}

const CLOSURE_TONE: Record<ClosureCode, string> = {
  successful: 'success',
  withdrawn: 'neutral',
  unsuccessful: 'danger',
};

export function ClosureCodeBadge({ code }: { code: ClosureCode | null | undefined }) {
  const { t } = useTranslation();
  if (!code) return <span className="muted">{t('closureCode.none')}</span>;
  return <span className={`badge badge-${CLOSURE_TONE[code]}`}>{t(`closureCode.${code}`)}</span>;
}

const OUTCOME_TONE: Record<WatchOutcome, string> = {
  breach: 'danger',
  within: 'success',
  inconclusive: 'warning',
};

/** A service watch's check: in breach, within its rule, or too few samples to say. */
export function WatchOutcomeBadge({ outcome }: { outcome: WatchOutcome | null }) {
  const { t } = useTranslation();
  if (!outcome) return <span className="muted">{t('watchOutcome.none')}</span>;
  return <span className={`badge badge-${OUTCOME_TONE[outcome]}`}>{t(`watchOutcome.${outcome}`)}</span>;
}

/** A watch's Temporal Schedule: running, paused, or missing (deleted in the Temporal UI). */
export function ScheduleBadge({ paused }: { paused: boolean | null }) {
  const { t } = useTranslation();
  if (paused === null) return <span className="badge badge-danger">{t('schedule.missing')}</span>;
  return paused ? (
    <span className="badge badge-neutral">{t('schedule.paused')}</span>
  ) : (
    <span className="badge badge-info">{t('schedule.running')}</span>
  );
}
