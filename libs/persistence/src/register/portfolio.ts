import type { DataSource } from 'typeorm';
import { type ClosureCode, type Direction, type KpiVerdict, PHASES, type WaitingOn } from '@cio/contracts';
import { closureCodeSql } from './initiative-closure';
import { isoText, Params, type ReadScope, scopeCondition } from './initiative-queries';

/**
 * The portfolio: how the initiatives a caller may see stand and what they achieved, in one read.
 * Every figure is over the same scope (their visibility) and the same filters.
 */
export interface Portfolio {
  phases: { phase: string; count: number }[];
  /** Waits past their deadline, most overdue first. */
  overdue: { initiativeId: string; title: string; service: string; department: string; wait: WaitingOn }[];
  /** Evaluated cycles by verdict: met when every KPI met its target, not met when one did not. */
  cycles: { verdict: KpiVerdict; count: number }[];
  /** Each KPI's latest evaluation or review against its baseline; `improvementPercent` > 0 is better. */
  improvements: {
    initiativeId: string;
    title: string;
    service: string;
    department: string;
    kpi: string;
    direction: Direction;
    baseline: number;
    observed: number | null;
    changePercent: number | null;
    improvementPercent: number | null;
    verdict: KpiVerdict;
    recordedAt: string;
  }[];
  /**
   * Initiatives that met their targets, by the month they first did, with the benefit achieved
   * (or the one their opportunity expected) and each strategic objective their opportunity serves.
   */
  benefits: {
    month: string;
    service: string;
    department: string;
    objective: string | null;
    category: string | null;
    initiatives: number;
  }[];
  closureCodes: { code: ClosureCode; count: number }[];
}

export interface PortfolioFilter {
  service?: string;
  department?: string;
}

/** The filters and the scope as one WHERE over `initiatives i`. */
function conditions(scope: ReadScope, filter: PortfolioFilter, params: Params): string {
  const where: string[] = [];
  const scoped = scopeCondition(scope, params);
  if (scoped) where.push(scoped);
  if (filter.service) where.push(`i.service = ${params.add(filter.service)}`);
  if (filter.department) where.push(`i.department = ${params.add(filter.department)}`);
  return where.length > 0 ? where.join(' AND ') : 'true';
}

export async function portfolio(
  db: DataSource,
  scope: ReadScope,
  filter: PortfolioFilter = {},
  now: Date = new Date(),
): Promise<Portfolio> {
  const query = async <T>(sql: (where: string, params: Params) => string): Promise<T[]> => {
    const params = new Params();
    const where = conditions(scope, filter, params);
    return db.query(sql(where, params), params.values);
  };
  const [phases, late, cycles, latest, benefits, closures] = await Promise.all([
    query<{ phase: string; count: number }>(
      (where) => `SELECT i.phase, count(*)::int AS count FROM initiatives i WHERE ${where} GROUP BY i.phase`,
    ),
    query<{
      initiativeId: string;
      title: string;
      service: string;
      department: string;
      waitingOn: WaitingOn[];
    }>(
      (
        where,
        p,
      ) => `SELECT i.id AS "initiativeId", i.title, i.service, i.department, i.waiting_on AS "waitingOn"
                       FROM initiatives i
                      WHERE ${where} AND i.next_due_at < ${p.add(now.toISOString())}::timestamptz
                      ORDER BY i.next_due_at LIMIT 200`,
    ),
    query<{ verdict: KpiVerdict; count: number }>(
      (where) => `SELECT verdict, count(*)::int AS count FROM (
                    SELECT CASE WHEN bool_or(e.verdict = 'not-met') THEN 'not-met'
                                WHEN bool_and(e.verdict = 'met') THEN 'met' ELSE 'inconclusive' END AS verdict
                      FROM evaluations e JOIN initiatives i ON i.id = e.initiative_id
                     WHERE ${where} AND e.kind = 'evaluation'
                     GROUP BY e.initiative_id, e.cycle) per_cycle
                  GROUP BY verdict`,
    ),
    query<Omit<Portfolio['improvements'][number], 'improvementPercent'>>(
      (where) => `SELECT DISTINCT ON (e.initiative_id, e.kpi)
                         e.initiative_id AS "initiativeId", i.title, i.service, i.department, e.kpi,
                         COALESCE((SELECT k->>'direction' FROM jsonb_array_elements(i.definition->'kpis') k
                                    WHERE k->>'name' = e.kpi LIMIT 1), 'lower-is-better') AS direction,
                         e.baseline, e.observed, e.change_percent AS "changePercent", e.verdict,
                         ${isoText('e.recorded_at')} AS "recordedAt"
                    FROM evaluations e JOIN initiatives i ON i.id = e.initiative_id
                   WHERE ${where}
                   ORDER BY e.initiative_id, e.kpi, e.recorded_at DESC
                   LIMIT 2000`,
    ),
    query<Portfolio['benefits'][number]>(
      (where) => `SELECT to_char(date_trunc('month', met.first_met AT TIME ZONE 'UTC'), 'YYYY-MM') AS month,
                         i.service, i.department, objective,
                         COALESCE(i.achieved_benefit, o.benefit_category) AS category, count(*)::int AS initiatives
                    FROM initiatives i
                    JOIN LATERAL (SELECT min(cycle_met) AS first_met FROM (
                                    SELECT max(e.recorded_at) AS cycle_met FROM evaluations e
                                     WHERE e.initiative_id = i.id AND e.kind = 'evaluation'
                                     GROUP BY e.cycle HAVING bool_and(e.verdict = 'met')) cycles) met
                      ON met.first_met IS NOT NULL
                    LEFT JOIN opportunities o ON o.id = i.opportunity_id
                    LEFT JOIN LATERAL unnest(CASE WHEN cardinality(o.objectives) > 0 THEN o.objectives
                                                  ELSE ARRAY[NULL::text] END) AS objective ON true
                   WHERE ${where} AND (i.phase <> 'Closed' OR ${closureCodeSql('i')} = 'successful')
                   GROUP BY 1, 2, 3, 4, 5
                   ORDER BY 1, 2, 3, 4, 5`,
    ),
    query<{ code: ClosureCode; count: number }>(
      (where) => `SELECT ${closureCodeSql('i')} AS code, count(*)::int AS count
                    FROM initiatives i WHERE ${where} AND i.phase = 'Closed' AND ${closureCodeSql('i')} IS NOT NULL
                   GROUP BY 1 ORDER BY 1`,
    ),
  ]);
  const nowMs = now.getTime();
  return {
    phases: [...phases].sort((a, b) => PHASES.indexOf(a.phase as never) - PHASES.indexOf(b.phase as never)),
    overdue: late
      .flatMap(({ waitingOn, ...initiative }) =>
        waitingOn
          .filter((wait) => wait.dueAt !== null && Date.parse(wait.dueAt) < nowMs)
          .map((wait) => ({ ...initiative, wait })),
      )
      .sort((a, b) => Date.parse(a.wait.dueAt ?? '') - Date.parse(b.wait.dueAt ?? '')),
    cycles,
    improvements: latest.map((row) => ({
      ...row,
      improvementPercent:
        row.changePercent === null
          ? null
          : Number((row.direction === 'lower-is-better' ? -row.changePercent : row.changePercent).toFixed(2)),
    })),
    benefits,
    closureCodes: closures,
  };
}

/** A service's customer feedback: the weekly score trend and the latest comments. */
export interface ServiceFeedback {
  service: string;
  trend: { week: string; mean: number; count: number }[];
  latest: {
    id: string;
    initiativeId: string;
    initiativeTitle: string;
    score: number | null;
    comment: string | null;
    submittedBy: string;
    submittedAt: string;
  }[];
}

/** Feedback given through the initiatives of a service that the caller may see. */
export async function serviceFeedback(
  db: DataSource,
  scope: ReadScope,
  input: { service: string; weeks: number; latest: number },
  now: Date = new Date(),
): Promise<ServiceFeedback> {
  const run = async <T>(sql: (where: string, params: Params) => string): Promise<T[]> => {
    const params = new Params();
    const where = conditions(scope, { service: input.service }, params);
    return db.query(sql(where, params), params.values);
  };
  const since = new Date(now.getTime() - input.weeks * 7 * 86_400_000).toISOString();
  const [trend, latest] = await Promise.all([
    run<{ week: string; mean: number; count: number }>(
      (
        where,
        p,
      ) => `SELECT ${isoText("date_trunc('week', f.submitted_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'")} AS week,
                            avg(f.score)::float8 AS mean, count(f.score)::int AS count
                       FROM feedback f JOIN initiatives i ON i.id = f.initiative_id
                      WHERE ${where} AND f.score IS NOT NULL AND f.submitted_at >= ${p.add(since)}::timestamptz
                      GROUP BY 1 ORDER BY 1`,
    ),
    run<ServiceFeedback['latest'][number]>(
      (
        where,
        p,
      ) => `SELECT f.id::text AS id, f.initiative_id AS "initiativeId", i.title AS "initiativeTitle", f.score,
                            f.comment, f.submitted_by AS "submittedBy", ${isoText('f.submitted_at')} AS "submittedAt"
                       FROM feedback f JOIN initiatives i ON i.id = f.initiative_id
                      WHERE ${where}
                      ORDER BY f.submitted_at DESC, f.id DESC LIMIT ${p.add(input.latest)}`,
    ),
  ]);
  return {
    service: input.service,
    trend: trend.map((t) => ({ ...t, mean: Number(t.mean.toFixed(3)) })),
    latest,
  };
}
