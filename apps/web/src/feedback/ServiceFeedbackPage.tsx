import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { ServiceFeedback } from '../api/types';
import { useFormat } from '../i18n/format';
import { ErrorNotice } from '../ui/ErrorNotice';
import { useDocumentTitle } from '../ui/use-document-title';
import { raisePrefillOfFeedback } from './feedback-link';
import { serviceFeedbackQuery } from './queries';
import { TrendChart } from './TrendChart';

const route = getRouteApi('/signed-in/services/$service/feedback');

function Comment({ service, item }: { service: string; item: ServiceFeedback['latest'][number] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <li className="card feedback-comment">
      <p className="muted small">
        {t('serviceFeedback.by', { by: item.submittedBy, when: format.dateTime(item.submittedAt) })} ·{' '}
        <Link to="/initiatives/$id" params={{ id: item.initiativeId }} className="user-text">
          {item.initiativeTitle}
        </Link>
      </p>
      {item.score !== null && (
        <p className="strong">{t('serviceFeedback.score', { score: format.number(item.score) })}</p>
      )}
      {item.comment ? (
        <blockquote className="user-text">{item.comment}</blockquote>
      ) : (
        <p className="muted">{t('serviceFeedback.noComment')}</p>
      )}
      {item.comment && (
        <p className="feedback-raise">
          <Link to="/opportunities/new" search={raisePrefillOfFeedback(service, item)}>
            {t('serviceFeedback.raise')}
            <span className="visually-hidden">{t('serviceFeedback.raiseWhich', { id: item.id })}</span>
          </Link>
        </p>
      )}
    </li>
  );
}

export function ServiceFeedbackPage() {
  const { t } = useTranslation();
  const { service } = route.useParams();
  const query = useQuery(serviceFeedbackQuery(service));
  useDocumentTitle(t('serviceFeedback.title', { service }));
  return (
    <>
      <div className="page-header">
        <p className="eyebrow">
          <Link to="/portfolio" search={{ service }}>
            {t('nav.portfolio')}
          </Link>
        </p>
        <h1 className="user-text">{t('serviceFeedback.title', { service })}</h1>
        <p className="lead">{t('serviceFeedback.lead')}</p>
      </div>
      <ErrorNotice error={query.error} />
      {query.isPending && <p className="muted">{t('common.loading')}</p>}
      {query.data && (
        <>
          <section aria-labelledby="trend-heading" className="page-section">
            <h2 id="trend-heading">{t('serviceFeedback.trendTitle')}</h2>
            <TrendChart trend={query.data.trend} />
          </section>
          <section aria-labelledby="latest-heading" className="page-section">
            <h2 id="latest-heading">{t('serviceFeedback.latestTitle')}</h2>
            {query.data.latest.length === 0 ? (
              <p className="muted">{t('serviceFeedback.noFeedback')}</p>
            ) : (
              <ol className="plain-list feedback-list">
                {query.data.latest.map((item) => (
                  <Comment key={item.id} service={service} item={item} />
                ))}
              </ol>
            )}
          </section>
        </>
      )}
    </>
  );
}
