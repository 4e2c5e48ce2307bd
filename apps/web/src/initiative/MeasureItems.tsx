import { useTranslation } from 'react-i18next';
import type { MeasureKind } from '../api/types';

/** A plan's measures as items of the list they are shown in (a plan's summary, the timeline). */
export function MeasureItems({
  measures,
}: {
  measures: readonly { title: string; kind: MeasureKind; department: string }[];
}) {
  const { t } = useTranslation();
  return measures.map((m, i) => (
    <li key={`m${i}`} className="user-text">
      {t('timeline.measure', { title: m.title, kind: t(`measureKind.${m.kind}`), department: m.department })}
    </li>
  ));
}
