import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { SimilarOpportunity } from '../api/types';
import { useFormat } from '../i18n/format';
import { useAnnounce } from '../ui/Announcer';
import { OpportunityStatusBadge } from '../ui/badges';
import { ErrorNotice } from '../ui/ErrorNotice';
import { useIntendedAction } from '../ui/use-intended-action';
import { opportunityCommands, showAnswer } from './commands';

/** Supports the one that is there already, and goes to it. */
function SupportInstead({ item }: { item: SimilarOpportunity }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const action = useIntendedAction({
    run: (id: string, key) => opportunityCommands.support(id, undefined, key),
    onSuccess: async (answer) => {
      announce(t('raise.supported', { title: answer.title }));
      await showAnswer(queryClient, answer);
      await navigate({ to: '/opportunities/$id', params: { id: answer.id } });
    },
  });
  return (
    <>
      <button
        type="button"
        className="button"
        disabled={action.isPending}
        onClick={() => action.submit(item.id)}
      >
        {action.isPending ? t('common.sending') : t('raise.supportInstead')}
        <span className="visually-hidden">{t('raise.supportInsteadWhich', { title: item.title })}</span>
      </button>
      <ErrorNotice error={action.error} />
    </>
  );
}

/** Open opportunities whose titles look like this one, most alike first. */
export function SimilarOpportunities({
  items,
  offerSupport,
}: {
  items: readonly SimilarOpportunity[];
  offerSupport: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <ul className="plain-list similar-list">
      {items.map((item) => (
        <li key={item.id} className="similar-item">
          <div>
            <Link to="/opportunities/$id" params={{ id: item.id }} className="user-text strong">
              {item.title}
            </Link>{' '}
            <OpportunityStatusBadge status={item.status} />
            <span className="muted small block">
              {t('raise.supporters', { count: item.supporters })} ·{' '}
              {t('opportunity.similarity', {
                percent: format.number(item.similarity, { style: 'percent', maximumFractionDigits: 0 }),
              })}
            </span>
          </div>
          {offerSupport && <SupportInstead item={item} />}
        </li>
      ))}
    </ul>
  );
}
