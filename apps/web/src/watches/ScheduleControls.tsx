// Pausing and resuming the watch's Temporal Schedule, with a note that Temporal keeps with it:
// offered to who may manage the watch; each is one intended action with its own key.
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WatchSchedule, WatchSummary } from '../api/types';
import { useAnnounce } from '../ui/Announcer';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Field } from '../ui/Field';
import { fieldErrorsOf } from '../ui/field-paths';
import { useIntendedAction } from '../ui/use-intended-action';
import { showSchedule, watchCommands } from './commands';

const MAX_NOTE = 500;

export function ScheduleControls({ watch, schedule }: { watch: WatchSummary; schedule: WatchSchedule }) {
  const { t } = useTranslation();
  const headingId = useId();
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  const [note, setNote] = useState('');
  const pausing = !schedule.paused;
  const action = useIntendedAction({
    run: ({ pause, text }: { pause: boolean; text: string }, key) =>
      (pause ? watchCommands.pause : watchCommands.resume)(watch.id, text || undefined, key),
    onSuccess: async (answer, { pause }) => {
      setNote('');
      announce(t(pause ? 'watch.pausedDone' : 'watch.resumedDone', { title: watch.title }));
      await showSchedule(queryClient, watch.id, answer);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    action.submit({ pause: pausing, text: note.trim() });
  };
  const server = fieldErrorsOf(action.error).fields;
  return (
    <section aria-labelledby={headingId} className="card action-card">
      <h3 id={headingId}>{pausing ? t('watch.pauseTitle') : t('watch.resumeTitle')}</h3>
      <form onSubmit={submit} noValidate>
        <p className="hint">{pausing ? t('watch.pauseHint') : t('watch.resumeHint')}</p>
        <Field label={`${t('watch.note')} ${t('form.optional')}`} error={server.note ?? null}>
          {(props) => (
            <textarea
              {...props}
              rows={2}
              maxLength={MAX_NOTE}
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
          )}
        </Field>
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={action.isPending}>
            {action.isPending ? t('common.sending') : pausing ? t('watch.pause') : t('watch.resume')}
          </button>
        </div>
        {Object.keys(server).length === 0 && <ErrorNotice error={action.error} />}
      </form>
    </section>
  );
}
