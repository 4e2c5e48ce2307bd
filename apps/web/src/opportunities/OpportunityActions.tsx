// What the caller may do with an opportunity, per its `may`, and nothing else: support it (or take
// the support back), triage it, promote it. Each form is one intended action with its own key.
import { useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Opportunity, TriageOpportunity } from '../api/types';
import { useSession } from '../auth/session';
import { useAnnounce } from '../ui/Announcer';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Field } from '../ui/Field';
import { fieldErrorsOf } from '../ui/field-paths';
import { ReasonField } from '../ui/ReasonField';
import { SendButton } from '../ui/SendButton';
import { useIntendedAction } from '../ui/use-intended-action';
import { opportunityCommands, showAnswer } from './commands';

/** Runs a command of the opportunity; its answer is shown at once, and announced. */
function useOpportunityAction<I>(
  run: (input: I, key: string) => Promise<Opportunity>,
  said: (answer: Opportunity, input: I) => string,
  after?: () => void,
) {
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  return useIntendedAction({
    run,
    onSuccess: async (answer, input) => {
      announce(said(answer, input));
      after?.();
      await showAnswer(queryClient, answer);
    },
  });
}

function SupportPanel({ opportunity }: { opportunity: Opportunity }) {
  const { t } = useTranslation();
  const headingId = useId();
  const [comment, setComment] = useState('');
  const support = useOpportunityAction(
    (text: string, key) => opportunityCommands.support(opportunity.id, text || undefined, key),
    (answer) => t('support.done', { title: answer.title }),
    () => setComment(''),
  );
  const withdraw = useOpportunityAction(
    (_: 'withdraw', key) => opportunityCommands.withdrawSupport(opportunity.id, key),
    (answer) => t('support.withdrawn', { title: answer.title }),
  );
  const { may } = opportunity;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    support.submit(comment.trim());
  };
  return (
    <section aria-labelledby={headingId} className="card action-card">
      <h3 id={headingId}>{t('support.title')}</h3>
      {may.support && (
        <form onSubmit={submit} noValidate>
          <p className="hint">{t('support.hint')}</p>
          <ReasonField
            label={t('support.comment')}
            optional
            error={fieldErrorsOf(support.error).fields.comment ?? null}
            value={comment}
            onChange={setComment}
          />
          <div className="button-row">
            <SendButton pending={support.isPending} className="button button-primary">
              {t('support.submit')}
            </SendButton>
          </div>
          <ErrorNotice error={support.error} />
        </form>
      )}
      {may.withdrawSupport && (
        <>
          <p>{t('support.youSupport')}</p>
          <div className="button-row">
            <button
              type="button"
              className="button"
              disabled={withdraw.isPending}
              onClick={() => withdraw.submit('withdraw')}
            >
              {withdraw.isPending ? t('common.sending') : t('support.withdraw')}
            </button>
          </div>
          <ErrorNotice error={withdraw.error} />
        </>
      )}
    </section>
  );
}

const OPPORTUNITY_ID = /^o-[a-z0-9-]{1,80}$/;

function TriagePanel({ opportunity }: { opportunity: Opportunity }) {
  const { t } = useTranslation();
  const headingId = useId();
  const [reason, setReason] = useState('');
  const [duplicateOf, setDuplicateOf] = useState('');
  const [problem, setProblem] = useState<{ reason?: string; duplicateOf?: string }>({});
  const triage = useOpportunityAction(
    (body: TriageOpportunity, key) => opportunityCommands.triage(opportunity.id, body, key),
    (answer, body) =>
      t(
        body.decision === 'accept'
          ? 'triage.accepted'
          : body.decision === 'decline'
            ? 'triage.declined'
            : 'triage.markedDuplicate',
        { title: answer.title },
      ),
  );
  const server = fieldErrorsOf(triage.error).fields;
  const decline = (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) return setProblem({ reason: t('triage.reasonRequired') });
    setProblem({});
    triage.submit({ decision: 'decline', reason: reason.trim() });
  };
  const duplicate = (event: FormEvent) => {
    event.preventDefault();
    const id = duplicateOf.trim();
    if (!id) return setProblem({ duplicateOf: t('triage.duplicateRequired') });
    if (!OPPORTUNITY_ID.test(id)) return setProblem({ duplicateOf: t('triage.duplicateInvalid') });
    setProblem({});
    triage.submit({ decision: 'duplicate', duplicateOf: id });
  };
  const fieldErrors = Object.keys(server).length > 0;
  return (
    <section aria-labelledby={headingId} className="card action-card triage">
      <h3 id={headingId}>{t('triage.title')}</h3>
      <p className="hint">{t('triage.hint')}</p>
      {opportunity.status === 'new' && (
        <div className="button-row">
          <button
            type="button"
            className="button button-primary"
            disabled={triage.isPending}
            onClick={() => triage.submit({ decision: 'accept' })}
          >
            {t('triage.accept')}
          </button>
        </div>
      )}
      <div className="triage-forms">
        <form onSubmit={decline} noValidate aria-label={t('triage.declineTitle')}>
          <ReasonField
            label={t('triage.reason')}
            error={problem.reason ?? server.reason ?? null}
            value={reason}
            onChange={setReason}
          />
          <button type="submit" className="button button-danger" disabled={triage.isPending}>
            {t('triage.decline')}
          </button>
        </form>
        <form onSubmit={duplicate} noValidate aria-label={t('triage.duplicateTitle')}>
          <Field
            label={t('triage.duplicateOf')}
            hint={t('triage.duplicateHint')}
            error={problem.duplicateOf ?? server.duplicateOf ?? null}
          >
            {(props) => (
              <input
                {...props}
                value={duplicateOf}
                spellCheck={false}
                maxLength={82}
                onChange={(e) => setDuplicateOf(e.target.value)}
              />
            )}
          </Field>
          <button type="submit" className="button" disabled={triage.isPending}>
            {t('triage.markDuplicate')}
          </button>
        </form>
      </div>
      {!fieldErrors && <ErrorNotice error={triage.error} />}
    </section>
  );
}

function PromotePanel({ opportunity }: { opportunity: Opportunity }) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="card action-card">
      <h3 id={headingId}>{t('promote.title')}</h3>
      <p className="hint">{t('promote.hint')}</p>
      <div className="button-row">
        <Link to="/new" search={{ fromOpportunity: opportunity.id }} className="button button-primary">
          {t('promote.button')}
        </Link>
      </div>
    </section>
  );
}

export function OpportunityActions({ opportunity }: { opportunity: Opportunity }) {
  const { t } = useTranslation();
  const me = useSession()?.person.sub;
  const { may } = opportunity;
  const open = opportunity.status === 'new' || opportunity.status === 'accepted';
  const nothing = !may.support && !may.withdrawSupport && !may.triage && !may.promote;
  return (
    <div className="actions">
      {nothing && (
        <p className="muted">
          {open && opportunity.raisedBy === me ? t('support.own') : t('opportunity.nothing')}
        </p>
      )}
      {(may.support || may.withdrawSupport) && <SupportPanel opportunity={opportunity} />}
      {may.triage && <TriagePanel opportunity={opportunity} />}
      {may.promote && <PromotePanel opportunity={opportunity} />}
    </div>
  );
}
