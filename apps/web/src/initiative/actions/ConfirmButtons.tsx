import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useAnnounce } from '../../ui/Announcer';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { useIntendedAction } from '../../ui/use-intended-action';
import { useActingFor } from '../acting-for';
import { commands, refreshAfterCommand } from '../commands';

interface Target {
  initiativeId: string;
  title: string;
}

export function ConfirmTaskButton({ initiativeId, title, taskId }: Target & { taskId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  const onBehalfOf = useActingFor();
  const action = useIntendedAction({
    run: (_: string, key) => commands.completeTask(initiativeId, taskId, key, onBehalfOf),
    onSuccess: async () => {
      announce(t('confirm.taskDone', { task: taskId, title }));
      await refreshAfterCommand(queryClient, initiativeId);
    },
  });
  return (
    <div className="confirm">
      <button
        type="button"
        className="button button-primary"
        disabled={action.isPending}
        onClick={() => action.submit(taskId)}
      >
        {action.isPending ? t('common.sending') : t('confirm.task', { task: taskId })}
      </button>
      <ErrorNotice error={action.error} />
    </div>
  );
}

export function ConfirmTrainingButton({ initiativeId, title, person }: Target & { person: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  const onBehalfOf = useActingFor();
  const action = useIntendedAction({
    run: (_: string, key) => commands.completeTraining(initiativeId, person, key, onBehalfOf),
    onSuccess: async () => {
      announce(t('confirm.trainingDone', { person, title }));
      await refreshAfterCommand(queryClient, initiativeId);
    },
  });
  return (
    <div className="confirm">
      <button
        type="button"
        className="button button-primary"
        disabled={action.isPending}
        onClick={() => action.submit(person)}
      >
        {action.isPending ? t('common.sending') : t('confirm.training', { person })}
      </button>
      <ErrorNotice error={action.error} />
    </div>
  );
}
