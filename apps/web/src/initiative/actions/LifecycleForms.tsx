import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/api-error';
import { useAnnounce } from '../../ui/Announcer';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Field } from '../../ui/Field';
import { fieldErrorsOf } from '../../ui/field-paths';
import { ReasonField } from '../../ui/ReasonField';
import { SendButton } from '../../ui/SendButton';
import { useIntendedAction } from '../../ui/use-intended-action';
import { useActingFor } from '../acting-for';
import { commands, refreshAfterCommand } from '../commands';

interface Target {
  initiativeId: string;
  title: string;
}

function reasonError(error: unknown, t: (key: 'lifecycle.reasonRequired') => string): string | null {
  const field = fieldErrorsOf(error).fields.reason;
  if (field) return field;
  return error instanceof ApiError && error.code === 'REASON_REQUIRED' ? t('lifecycle.reasonRequired') : null;
}

/** Pause or cancel: both need a reason, recorded in the audit trail. */
export function ReasonForm({ initiativeId, title, kind }: Target & { kind: 'pause' | 'cancel' }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  const headingId = useId();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const onBehalfOf = useActingFor();
  const action = useIntendedAction({
    run: (text: string, key) =>
      kind === 'pause'
        ? commands.pause(initiativeId, text, key, onBehalfOf)
        : commands.cancel(initiativeId, text, key, onBehalfOf),
    onSuccess: async () => {
      announce(t(kind === 'pause' ? 'lifecycle.paused' : 'lifecycle.cancelled', { title }));
      setReason('');
      await refreshAfterCommand(queryClient, initiativeId);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) return setMissing(true);
    action.submit(reason.trim());
  };
  const fieldError = missing ? t('lifecycle.reasonRequired') : reasonError(action.error, t);
  return (
    <section
      aria-labelledby={headingId}
      className={`card action-card${kind === 'cancel' ? ' action-danger' : ''}`}
    >
      <h3 id={headingId}>{t(kind === 'pause' ? 'lifecycle.pauseTitle' : 'lifecycle.cancelTitle')}</h3>
      <p className="hint">{t(kind === 'pause' ? 'lifecycle.pauseHint' : 'lifecycle.cancelHint')}</p>
      <form onSubmit={submit} noValidate>
        <ReasonField
          label={t('lifecycle.reason')}
          error={fieldError}
          value={reason}
          onChange={(value) => {
            setReason(value);
            setMissing(false);
          }}
        />
        <div className="button-row">
          <SendButton
            pending={action.isPending}
            className={`button ${kind === 'cancel' ? 'button-danger' : 'button-primary'}`}
          >
            {t(kind === 'pause' ? 'lifecycle.pause' : 'lifecycle.cancel')}
          </SendButton>
        </div>
        {!fieldError && <ErrorNotice error={action.error} />}
      </form>
    </section>
  );
}

export function ResumeButton({ initiativeId, title }: Target) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  const headingId = useId();
  const onBehalfOf = useActingFor();
  const action = useIntendedAction({
    run: (_: 'resume', key) => commands.resume(initiativeId, key, onBehalfOf),
    onSuccess: async () => {
      announce(t('lifecycle.resumed', { title }));
      await refreshAfterCommand(queryClient, initiativeId);
    },
  });
  return (
    <section aria-labelledby={headingId} className="card action-card">
      <h3 id={headingId}>{t('lifecycle.resumeTitle')}</h3>
      <div className="button-row">
        <button
          type="button"
          className="button button-primary"
          disabled={action.isPending}
          onClick={() => action.submit('resume')}
        >
          {action.isPending ? t('common.sending') : t('lifecycle.resume')}
        </button>
      </div>
      <ErrorNotice error={action.error} />
    </section>
  );
}

export function ExtendCycleLimitForm({ initiativeId, title, maxCycles }: Target & { maxCycles: number }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  const headingId = useId();
  const [cycles, setCycles] = useState('1');
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<{ cycles?: boolean; reason?: boolean }>({});
  const onBehalfOf = useActingFor();
  const action = useIntendedAction({
    run: (body: { additionalCycles: number; reason: string }, key) =>
      commands.extendCycleLimit(initiativeId, body, key, onBehalfOf),
    onSuccess: async (_, body) => {
      announce(t('lifecycle.extended', { title, count: body.additionalCycles }));
      await refreshAfterCommand(queryClient, initiativeId);
    },
  });
  const server = fieldErrorsOf(action.error).fields;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const additionalCycles = Number(cycles);
    const next = {
      cycles: !Number.isInteger(additionalCycles) || additionalCycles < 1 || additionalCycles > 20,
      reason: !reason.trim(),
    };
    setProblems(next);
    if (!next.cycles && !next.reason) action.submit({ additionalCycles, reason: reason.trim() });
  };
  return (
    <section aria-labelledby={headingId} className="card action-card">
      <h3 id={headingId}>{t('lifecycle.extendTitle')}</h3>
      <p className="hint">{t('lifecycle.extendHint', { max: maxCycles })}</p>
      <form onSubmit={submit} noValidate className="form-grid">
        <Field
          label={t('lifecycle.additionalCycles')}
          hint={t('lifecycle.additionalCyclesHint')}
          error={problems.cycles ? t('lifecycle.additionalCyclesRange') : (server.additionalCycles ?? null)}
        >
          {(props) => (
            <input
              {...props}
              type="number"
              inputMode="numeric"
              min={1}
              max={20}
              value={cycles}
              onChange={(e) => setCycles(e.target.value)}
            />
          )}
        </Field>
        <ReasonField
          label={t('lifecycle.reason')}
          error={problems.reason ? t('lifecycle.reasonRequired') : reasonError(action.error, t)}
          value={reason}
          onChange={setReason}
        />
        <div className="button-row">
          <SendButton pending={action.isPending} className="button button-primary">
            {t('lifecycle.extend')}
          </SendButton>
        </div>
        <ErrorNotice error={action.error} />
      </form>
    </section>
  );
}

/** Anyone who sees the initiative may tell how it feels: a score, a comment, or both. */
export function FeedbackForm({ initiativeId, title }: Target) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const headingId = useId();
  const [score, setScore] = useState('');
  const [comment, setComment] = useState('');
  const [empty, setEmpty] = useState(false);
  const [badScore, setBadScore] = useState(false);
  const action = useIntendedAction({
    run: (body: { score?: number; comment?: string }, key) => commands.feedback(initiativeId, body, key),
    onSuccess: () => {
      announce(t('feedback.thanks', { title }));
      setScore('');
      setComment('');
    },
  });
  const server = fieldErrorsOf(action.error).fields;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = score.trim() === '' ? undefined : Number(score);
    const invalidScore = value !== undefined && !Number.isFinite(value);
    setBadScore(invalidScore);
    setEmpty(value === undefined && !comment.trim());
    if (invalidScore || (value === undefined && !comment.trim())) return;
    action.submit({
      ...(value !== undefined ? { score: value } : {}),
      ...(comment.trim() ? { comment: comment.trim() } : {}),
    });
  };
  return (
    <details className="manage feedback" aria-labelledby={headingId}>
      <summary id={headingId}>{t('feedback.title')}</summary>
      <p className="hint">{t('feedback.hint')}</p>
      <form onSubmit={submit} noValidate className="form-grid">
        {empty && (
          <p className="field-error" role="alert">
            {t('feedback.empty')}
          </p>
        )}
        <Field
          label={t('feedback.score')}
          hint={t('feedback.scoreHint')}
          error={badScore ? t('feedback.scoreInvalid') : (server.score ?? null)}
        >
          {(props) => (
            <input
              {...props}
              type="number"
              step="any"
              inputMode="decimal"
              value={score}
              onChange={(e) => setScore(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('feedback.comment')} error={server.comment ?? null}>
          {(props) => (
            <textarea
              {...props}
              rows={2}
              maxLength={4000}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
            />
          )}
        </Field>
        <div className="button-row">
          <SendButton pending={action.isPending}>{t('feedback.send')}</SendButton>
        </div>
        <ErrorNotice error={action.error} />
      </form>
    </details>
  );
}
