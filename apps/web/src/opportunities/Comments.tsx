import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Opportunity } from '../api/types';
import { useFormat } from '../i18n/format';
import { useAnnounce } from '../ui/Announcer';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Field } from '../ui/Field';
import { fieldErrorsOf } from '../ui/field-paths';
import { SendButton } from '../ui/SendButton';
import { useIntendedAction } from '../ui/use-intended-action';
import { opportunityCommands, showAnswer } from './commands';

/** The comments, oldest first, as text; and a form to add one when the caller may. */
export function Comments({ opportunity }: { opportunity: Opportunity }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  const [body, setBody] = useState('');
  const [missing, setMissing] = useState(false);
  const action = useIntendedAction({
    run: (text: string, key) => opportunityCommands.comment(opportunity.id, text, key),
    onSuccess: async (answer) => {
      announce(t('comment.added', { title: answer.title }));
      setBody('');
      await showAnswer(queryClient, answer);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!body.trim()) return setMissing(true);
    action.submit(body.trim());
  };
  const fieldError = missing ? t('comment.required') : (fieldErrorsOf(action.error).fields.body ?? null);
  return (
    <>
      {opportunity.commentList.length === 0 ? (
        <p className="muted">{t('opportunity.noComments')}</p>
      ) : (
        <ol className="plain-list comment-list">
          {opportunity.commentList.map((comment) => (
            <li key={comment.id} className="comment">
              <p className="muted small">
                {t('comment.by', {
                  author: comment.author,
                  when: format.dateTime(comment.createdAt),
                })}
              </p>
              <p className="user-text">{comment.body}</p>
            </li>
          ))}
        </ol>
      )}
      {opportunity.may.comment && (
        <form onSubmit={submit} noValidate className="comment-form">
          <Field label={t('comment.label')} error={fieldError}>
            {(props) => (
              <textarea
                {...props}
                rows={3}
                maxLength={5000}
                value={body}
                onChange={(e) => {
                  setBody(e.target.value);
                  setMissing(false);
                }}
              />
            )}
          </Field>
          <div className="button-row">
            <SendButton pending={action.isPending}>{t('comment.send')}</SendButton>
          </div>
          {!fieldError && <ErrorNotice error={action.error} />}
        </form>
      )}
    </>
  );
}
