// An opportunity's trail in words: the action's name and the details it records, as text.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpportunityEvent } from '../api/types';
import { BENEFIT_CATEGORIES, CLOSURE_CODES, isOneOf, ORIGINS } from './vocabulary';

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value : null;

export function useTrailText() {
  const { t } = useTranslation();
  const actionName = useCallback((action: OpportunityEvent['action']) => t(`trail.action.${action}`), [t]);
  const details = useCallback(
    (event: OpportunityEvent): string[] => {
      const d = event.details;
      const lines: string[] = [];
      const say = (line: string | null | false) => {
        if (line) lines.push(line);
      };
      if (event.action === 'raise-opportunity' && isOneOf(ORIGINS, d.origin))
        say(t('trail.detail.origin', { origin: t(`origin.${d.origin}`) }));
      const reason = text(d.reason);
      say(reason && t('trail.detail.reason', { text: reason }));
      const comment = text(d.comment);
      say(comment && t('trail.detail.comment', { text: comment }));
      const duplicateOf = text(d.duplicateOf);
      say(duplicateOf && t('trail.detail.duplicateOf', { id: duplicateOf }));
      const duplicate = text(d.duplicate);
      say(duplicate && t('trail.detail.duplicate', { id: duplicate }));
      const initiative = text(d.initiativeId);
      say(initiative && t('trail.detail.initiative', { id: initiative }));
      if (isOneOf(CLOSURE_CODES, d.code))
        say(t('trail.detail.closureCode', { code: t(`closureCode.${d.code}`) }));
      if (isOneOf(BENEFIT_CATEGORIES, d.achievedBenefit))
        say(t('trail.detail.achievedBenefit', { benefit: t(`benefitCategory.${d.achievedBenefit}`) }));
      const evidence =
        typeof d.evidence === 'object' && d.evidence !== null
          ? text((d.evidence as Record<string, unknown>).reason)
          : null;
      say(evidence && t('trail.detail.evidence', { text: evidence }));
      return lines;
    },
    [t],
  );
  return { actionName, details };
}
