import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Portfolio } from '../api/types';
import { useFormat } from '../i18n/format';
import { ClosureCodeBadge, isPhase, PhaseBadge, VerdictBadge } from '../ui/badges';
import { DueBadge } from '../ui/DueBadge';
import { ErrorNotice } from '../ui/ErrorNotice';
import { PageSection } from '../ui/PageSection';
import { ScopeFilterForm } from '../ui/ScopeFilterForm';
import { TableRegion } from '../ui/TableRegion';
import { useDocumentTitle } from '../ui/use-document-title';
import { useNow } from '../ui/use-now';
import { useWaitLabel, useWhom } from '../ui/waits';
import { BarTable } from './BarTable';
import { BenefitsChart } from './BenefitsChart';
import { portfolioQuery } from './queries';

const route = getRouteApi('/signed-in/portfolio');

function OverdueTable({ overdue }: { overdue: Portfolio['overdue'] }) {
  const { t } = useTranslation();
  const whom = useWhom();
  const waitLabel = useWaitLabel();
  const now = useNow(30_000);
  if (overdue.length === 0) return <p className="muted">{t('portfolio.noOverdue')}</p>;
  return (
    <TableRegion label={t('portfolio.overdueTitle')}>
      <table className="data-table overdue-table">
        <caption>{t('portfolio.overdueCaption', { count: overdue.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('portfolio.col.initiative')}</th>
            <th scope="col">{t('portfolio.col.waitingFor')}</th>
            <th scope="col">{t('portfolio.col.waitingOn')}</th>
            <th scope="col">{t('portfolio.col.due')}</th>
            <th scope="col">{t('portfolio.col.scope')}</th>
          </tr>
        </thead>
        <tbody>
          {overdue.map((row, i) => (
            <tr key={`${row.initiativeId}-${row.wait.kind}-${row.wait.subject ?? ''}-${i}`}>
              <th scope="row">
                <Link to="/initiatives/$id" params={{ id: row.initiativeId }} className="user-text">
                  {row.title}
                </Link>
              </th>
              <td className="user-text">{waitLabel(row.wait)}</td>
              <td>{whom(row.wait.who)}</td>
              <td>
                <DueBadge dueAt={row.wait.dueAt} now={now} />
              </td>
              <td className="muted">
                {row.service} · {row.department}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

function PortfolioView({ data }: { data: Portfolio }) {
  const { t } = useTranslation();
  const format = useFormat();
  const total = data.phases.reduce((sum, p) => sum + p.count, 0);
  const percent = (value: number | null) =>
    format.number(value === null ? null : value / 100, {
      style: 'percent',
      signDisplay: 'exceptZero',
      maximumFractionDigits: 1,
    });
  const improvements = [...data.improvements].sort(
    (a, b) => (b.improvementPercent ?? -Infinity) - (a.improvementPercent ?? -Infinity),
  );
  const keyOf = (row: Portfolio['improvements'][number]) => `${row.initiativeId}-${row.kpi}`;
  const byKey = new Map(improvements.map((row) => [keyOf(row), row]));
  return (
    <>
      <div className="portfolio-grid">
        <PageSection id="phases" className="portfolio-section" title={t('portfolio.phasesTitle')}>
          {total === 0 ? (
            <p className="muted">{t('portfolio.noInitiatives')}</p>
          ) : (
            <div className="table-wrap">
              <BarTable
                caption={t('portfolio.phasesCaption', { count: total })}
                labelHeader={t('portfolio.col.phase')}
                valueHeader={t('portfolio.col.initiatives')}
                bars={data.phases.map((p) => ({
                  key: p.phase,
                  label: isPhase(p.phase) ? <PhaseBadge phase={p.phase} /> : p.phase,
                  value: p.count,
                  text: format.number(p.count),
                }))}
              />
            </div>
          )}
        </PageSection>
        <PageSection id="cycles" className="portfolio-section" title={t('portfolio.cyclesTitle')}>
          {data.cycles.length === 0 ? (
            <p className="muted">{t('portfolio.noCycles')}</p>
          ) : (
            <div className="table-wrap">
              <BarTable
                caption={t('portfolio.cyclesCaption')}
                labelHeader={t('portfolio.col.verdict')}
                valueHeader={t('portfolio.col.cycles')}
                bars={data.cycles.map((c) => ({
                  key: c.verdict,
                  label: <VerdictBadge verdict={c.verdict} />,
                  value: c.count,
                  text: format.number(c.count),
                  tone: c.verdict === 'met' ? 'success' : c.verdict === 'not-met' ? 'danger' : 'warning',
                }))}
              />
            </div>
          )}
        </PageSection>
        <PageSection id="closures" className="portfolio-section" title={t('portfolio.closuresTitle')}>
          {data.closureCodes.length === 0 ? (
            <p className="muted">{t('portfolio.noClosures')}</p>
          ) : (
            <div className="table-wrap">
              <BarTable
                caption={t('portfolio.closuresCaption')}
                labelHeader={t('portfolio.col.closureCode')}
                valueHeader={t('portfolio.col.initiatives')}
                bars={data.closureCodes.map((c) => ({
                  key: c.code,
                  label: <ClosureCodeBadge code={c.code} />,
                  value: c.count,
                  text: format.number(c.count),
                  tone:
                    c.code === 'successful' ? 'success' : c.code === 'unsuccessful' ? 'danger' : 'neutral',
                }))}
              />
            </div>
          )}
        </PageSection>
      </div>
      <PageSection id="overdue" className="portfolio-section" title={t('portfolio.overdueTitle')}>
        <OverdueTable overdue={data.overdue} />
      </PageSection>
      <PageSection id="improvements" className="portfolio-section" title={t('portfolio.improvementsTitle')}>
        {improvements.length === 0 ? (
          <p className="muted">{t('portfolio.noImprovements')}</p>
        ) : (
          <TableRegion label={t('portfolio.improvementsTitle')}>
            <BarTable
              caption={t('portfolio.improvementsCaption')}
              labelHeader={t('portfolio.col.initiative')}
              valueHeader={t('portfolio.col.improvement')}
              signed
              bars={improvements.map((row) => ({
                key: keyOf(row),
                label: (
                  <>
                    <Link to="/initiatives/$id" params={{ id: row.initiativeId }} className="user-text">
                      {row.title}
                    </Link>
                    <span className="muted small block">{row.kpi}</span>
                  </>
                ),
                value: row.improvementPercent ?? 0,
                text: percent(row.improvementPercent),
              }))}
              extra={{
                headers: [t('portfolio.col.baselineObserved'), t('portfolio.col.verdict')],
                cells: (bar) => {
                  const row = byKey.get(bar.key);
                  if (!row) return [];
                  return [
                    <span key="values" className="nowrap">
                      {t('portfolio.baselineObserved', {
                        baseline: format.number(row.baseline),
                        observed: format.number(row.observed),
                      })}
                    </span>,
                    <VerdictBadge key="verdict" verdict={row.verdict} />,
                  ];
                },
              }}
            />
          </TableRegion>
        )}
      </PageSection>
      <PageSection id="benefits" className="portfolio-section" title={t('portfolio.benefitsTitle')}>
        <BenefitsChart rows={data.benefits} />
      </PageSection>
    </>
  );
}

export function PortfolioPage() {
  const { t } = useTranslation();
  const filters = route.useSearch();
  const navigate = route.useNavigate();
  const query = useQuery(portfolioQuery(filters));
  useDocumentTitle(t('portfolio.title'));
  return (
    <>
      <div className="page-header">
        <h1>{t('portfolio.title')}</h1>
        <p className="lead">{t('portfolio.lead')}</p>
      </div>
      <ScopeFilterForm
        key={JSON.stringify(filters)}
        filters={filters}
        onApply={(search) => void navigate({ search })}
        className="portfolio-filters"
        label={t('portfolio.scopeLabel')}
      >
        {filters.service && (
          <p className="portfolio-feedback-link">
            <Link to="/services/$service/feedback" params={{ service: filters.service }}>
              {t('portfolio.feedbackOf', { service: filters.service })}
            </Link>
          </p>
        )}
      </ScopeFilterForm>
      <ErrorNotice error={query.error} />
      {query.isPending && <p className="muted">{t('common.loading')}</p>}
      {query.data && <PortfolioView data={query.data} />}
    </>
  );
}
