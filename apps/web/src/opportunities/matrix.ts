// The value-versus-effort matrix: the backlog's opportunities bucketed by expected benefit level
// (rows, highest first) and effort (columns, smallest first), each cell with its best-scored titles.
// The counts are the gateway's (every opportunity under the filters); the titles shown are the
// best-scored of those loaded; a cell's list is the API's (both axes are filters).
import type { BenefitLevel, EffortSize, OpportunitySummary } from '../api/types';
import { BENEFIT_LEVELS, EFFORT_SIZES } from './vocabulary';

/** Where a cell lies: much for little (quick wins) to little for much. */
export type Quadrant = 'quick-win' | 'major-project' | 'fill-in' | 'time-sink';

export interface MatrixCell {
  level: BenefitLevel;
  effort: EffortSize;
  count: number;
  /** The cell's best-scored opportunities (at most `shown`), best first. */
  top: Pick<OpportunitySummary, 'id' | 'title'>[];
  quadrant: Quadrant;
}

export interface MatrixRow {
  level: BenefitLevel;
  cells: MatrixCell[];
}

/** High and very high benefit are worth much; S and M effort cost little. */
export function quadrantOf(level: BenefitLevel, effort: EffortSize): Quadrant {
  const valuable = BENEFIT_LEVELS.indexOf(level) >= 2;
  const cheap = EFFORT_SIZES.indexOf(effort) <= 1;
  if (valuable) return cheap ? 'quick-win' : 'major-project';
  return cheap ? 'fill-in' : 'time-sink';
}

/** The 4 × 4 grid (empty cells too), most valuable row first: the counts, and the loaded titles. */
export function valueEffortMatrix(
  items: readonly Pick<OpportunitySummary, 'id' | 'title' | 'benefit' | 'effort' | 'score'>[],
  counts: readonly { benefitLevel: BenefitLevel; effort: EffortSize; count: number }[],
  shown = 3,
): MatrixRow[] {
  return [...BENEFIT_LEVELS].reverse().map((level) => ({
    level,
    cells: EFFORT_SIZES.map((effort) => {
      const inCell = items
        .filter((item) => item.benefit.level === level && item.effort === effort)
        .sort((a, b) => b.score.total - a.score.total);
      return {
        level,
        effort,
        count: counts.find((c) => c.benefitLevel === level && c.effort === effort)?.count ?? 0,
        top: inCell.slice(0, shown).map(({ id, title }) => ({ id, title })),
        quadrant: quadrantOf(level, effort),
      };
    }),
  }));
}
