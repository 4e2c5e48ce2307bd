// A score part in words: what the opportunity says for that factor, and the points it gave.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScorePart } from '../api/types';
import { BENEFIT_LEVELS, EFFORT_SIZES, isOneOf, RISK_LEVELS } from './vocabulary';

/** Points as a signed number: +30, −6, 0. */
export const POINTS: Intl.NumberFormatOptions = { signDisplay: 'exceptZero', maximumFractionDigits: 2 };

export function useScorePartInput() {
  const { t } = useTranslation();
  return useCallback(
    ({ factor, input }: Pick<ScorePart, 'factor' | 'input'>): string => {
      switch (factor) {
        case 'benefit':
          return isOneOf(BENEFIT_LEVELS, input) ? t(`benefitLevel.${input}`) : input;
        case 'effort':
          return isOneOf(EFFORT_SIZES, input) ? t(`effort.${input}`) : input;
        case 'risk':
          return isOneOf(RISK_LEVELS, input) ? t(`risk.${input}`) : input;
        case 'support':
          return t('score.supporters', { count: Number(input) || 0 });
        case 'objectives':
          return t('score.objectives', { count: Number(input) || 0 });
      }
    },
    [t],
  );
}
