import { useTranslation } from 'react-i18next';
import type { OpportunitySummary } from '../api/types';
import { useFormat } from '../i18n/format';
import { POINTS, useScorePartInput } from './score-text';

type Score = OpportunitySummary['score'];

/** The parts in one line each, for a row of the backlog: why it ranks there, at a glance. */
export function ScorePartsList({ score }: { score: Score }) {
  const { t } = useTranslation();
  const format = useFormat();
  const input = useScorePartInput();
  return (
    <ul className="score-parts">
      {score.parts.map((part) => (
        <li key={part.factor}>
          <span>{t('score.part', { factor: t(`scoreFactor.${part.factor}`), input: input(part) })}</span>{' '}
          <span className={`points${part.points < 0 ? ' points-negative' : ''}`}>
            {format.number(part.points, POINTS)}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** The parts as a table: factor, what the opportunity says, weight, points, and the total. */
export function ScorePartsTable({ score }: { score: Score }) {
  const { t } = useTranslation();
  const format = useFormat();
  const input = useScorePartInput();
  return (
    <table className="data-table score-table">
      <caption>{t('score.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('score.col.factor')}</th>
          <th scope="col">{t('score.col.input')}</th>
          <th scope="col" className="numeric">
            {t('score.col.weight')}
          </th>
          <th scope="col" className="numeric">
            {t('score.col.points')}
          </th>
        </tr>
      </thead>
      <tbody>
        {score.parts.map((part) => (
          <tr key={part.factor}>
            <th scope="row">{t(`scoreFactor.${part.factor}`)}</th>
            <td>{input(part)}</td>
            <td className="numeric">{format.number(part.weight)}</td>
            <td className="numeric">{format.number(part.points, POINTS)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colSpan={3}>
            {t('score.total')}
          </th>
          <td className="numeric strong">{format.number(score.total)}</td>
        </tr>
      </tfoot>
    </table>
  );
}
