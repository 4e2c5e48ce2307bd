import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/api-error';
import { useAnnounce } from '../../ui/Announcer';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Field } from '../../ui/Field';
import { fieldErrorsOf } from '../../ui/field-paths';
import { useIntendedAction } from '../../ui/use-intended-action';
import { useActingFor } from '../acting-for';
import { commands, refreshAfterCommand } from '../commands';

interface DecisionProps {
  initiativeId: string;
  title: string;
  planVersion: number;
  /** The approving roles the caller holds (may.decide.roles); a choice when there are several. */
  roles: string[];
}

/** Approve (an optional comment) or reject (a reason, required) one plan version. */
export function DecisionForm({ initiativeId, title, planVersion, roles }: DecisionProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  const [text, setText] = useState('');
  const [role, setRole] = useState(roles[0] ?? '');
  const [missingReason, setMissingReason] = useState(false);
  const textArea = useRef<HTMLTextAreaElement>(null);
  const asRole = roles.length > 1 ? { role } : {};
  const onBehalfOf = useActingFor();

  const approve = useIntendedAction({
    run: (body: { role?: string; comment?: string }, key) =>
      commands.approve(initiativeId, planVersion, body, key, onBehalfOf),
    onSuccess: async () => {
      announce(t('decision.approved', { version: planVersion, title }));
      setText('');
      await refreshAfterCommand(queryClient, initiativeId);
    },
  });
  const reject = useIntendedAction({
    run: (body: { role?: string; reason: string }, key) =>
      commands.reject(initiativeId, planVersion, body, key, onBehalfOf),
    onSuccess: async () => {
      announce(t('decision.rejected', { version: planVersion, title }));
      setText('');
      await refreshAfterCommand(queryClient, initiativeId);
    },
  });
  const pending = approve.isPending || reject.isPending;
  const error = reject.error ?? approve.error;
  const serverFieldError =
    fieldErrorsOf(error).fields.reason ??
    fieldErrorsOf(error).fields.comment ??
    (error instanceof ApiError && error.code === 'REASON_REQUIRED' ? t('decision.reasonRequired') : null);
  const fieldError = missingReason ? t('decision.reasonRequired') : serverFieldError;

  return (
    <form
      className="decision-form"
      aria-label={t('decision.formLabel', { version: planVersion, title })}
      onSubmit={(event) => {
        event.preventDefault();
        setMissingReason(false);
        reject.reset();
        approve.submit({ ...asRole, ...(text.trim() ? { comment: text.trim() } : {}) });
      }}
    >
      {roles.length > 1 && (
        <fieldset className="inline-choices">
          <legend>{t('decision.asRole')}</legend>
          {roles.map((name) => (
            <label key={name}>
              <input
                type="radio"
                name="role"
                value={name}
                checked={role === name}
                onChange={() => setRole(name)}
              />{' '}
              {name}
            </label>
          ))}
        </fieldset>
      )}
      <Field label={t('decision.commentLabel')} hint={t('decision.commentHint')} error={fieldError}>
        {(props) => (
          <textarea
            {...props}
            ref={textArea}
            rows={2}
            maxLength={2000}
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              if (event.target.value.trim()) setMissingReason(false);
            }}
          />
        )}
      </Field>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={pending}>
          {approve.isPending ? t('common.sending') : t('decision.approve')}
        </button>
        <button
          type="button"
          className="button button-danger"
          disabled={pending}
          onClick={() => {
            approve.reset();
            if (!text.trim()) {
              setMissingReason(true);
              textArea.current?.focus();
              return;
            }
            reject.submit({ ...asRole, reason: text.trim() });
          }}
        >
          {reject.isPending ? t('common.sending') : t('decision.reject')}
        </button>
      </div>
      {error && !serverFieldError && <ErrorNotice error={error} />}
    </form>
  );
}
