import { useTranslation } from 'react-i18next';
import type { WaitingOn } from '../api/types';

/** Whom a wait is on, in words: a person, a role, a department (several when it names several). */
export function useWhom() {
  const { t } = useTranslation();
  return (who: WaitingOn['who']): string => {
    const names: string[] = [];
    if (who.person) names.push(t('who.person', { name: who.person }));
    if (who.role && !who.person) names.push(t('who.role', { name: who.role }));
    if (who.department && !who.person) names.push(t('who.department', { name: who.department }));
    if (who.dataSource) names.push(t('who.dataSource', { name: who.dataSource }));
    return names.join(t('who.or')) || t('who.nobody');
  };
}

/** What a wait is for: the kind, and its subject where that is the person's own data (a task id). */
export function useWaitLabel() {
  const { t } = useTranslation();
  return (wait: WaitingOn): string => {
    switch (wait.kind) {
      case 'task':
        return t('wait.task', { task: wait.subject ?? '' });
      case 'training':
        return t('wait.training', { person: wait.subject ?? wait.who.person ?? '' });
      case 'data-source':
        return t('wait.data-source', { source: wait.subject ?? wait.who.dataSource ?? '' });
      default:
        return t(`wait.${wait.kind}`);
    }
  };
}
