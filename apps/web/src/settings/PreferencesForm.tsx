import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me, NotificationPreferences, PreferenceKind } from '../api/types';
import { peopleCommands } from '../people/commands';
import { peopleKeys } from '../people/queries';
import { useAnnounce } from '../ui/Announcer';
import { ErrorNotice } from '../ui/ErrorNotice';
import { SendButton } from '../ui/SendButton';
import { TableRegion } from '../ui/TableRegion';
import { useIntendedAction } from '../ui/use-intended-action';
import { DELIVERY_MODES, DIGEST_KIND, KIND_GROUPS, kindsOf, type MailKind } from './preference-kinds';

/** One kind's choice: at once, in the digest, or not; each radio named for its kind and mode. */
function KindRow({
  kind,
  mode,
  onChange,
}: {
  kind: MailKind;
  mode: NotificationPreferences[MailKind];
  onChange: (mode: NotificationPreferences[MailKind]) => void;
}) {
  const { t } = useTranslation();
  const hintId = useId();
  const name = t(`preferences.kind.${kind}.name`);
  return (
    <tr>
      <th scope="row">
        {name}
        <span className="muted small block" id={hintId}>
          {t(`preferences.kind.${kind}.hint`)}
        </span>
      </th>
      {DELIVERY_MODES.map((choice) => (
        <td key={choice} className="choice-cell">
          <label>
            <input
              type="radio"
              name={`preference-${kind}`}
              value={choice}
              checked={mode === choice}
              aria-describedby={hintId}
              onChange={() => onChange(choice)}
            />
            <span className="visually-hidden">
              {t('preferences.choiceLabel', { kind: name, mode: t(`preferences.mode.${choice}`) })}
            </span>
          </label>
        </td>
      ))}
    </tr>
  );
}

/** How the person hears of each kind, and whether the daily digest is sent at all; saved at once. */
export function PreferencesForm({ preferences }: { preferences: NotificationPreferences }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  const digestHintId = useId();
  const [chosen, setChosen] = useState(preferences);
  const save = useIntendedAction({
    run: (next: NotificationPreferences, key) => peopleCommands.setPreferences(next, key),
    onSuccess: (saved) => {
      setChosen(saved);
      queryClient.setQueryData<Me>(peopleKeys.me, (me) => (me ? { ...me, preferences: saved } : me));
      announce(t('preferences.saved'));
    },
  });
  const set = <K extends PreferenceKind>(kind: K, mode: NotificationPreferences[K]) =>
    setChosen((current) => ({ ...current, [kind]: mode }));
  const digestOff = chosen[DIGEST_KIND] === 'off';
  const inDigest = kindsChosen(chosen, 'digest');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.submit(chosen);
  };
  return (
    <form onSubmit={submit} className="preferences-form" aria-label={t('preferences.formLabel')}>
      <p className="hint">{t('preferences.lead')}</p>
      <TableRegion label={t('preferences.tableLabel')}>
        <table className="data-table preferences-table">
          <caption>{t('preferences.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('preferences.col.kind')}</th>
              {DELIVERY_MODES.map((mode) => (
                <th key={mode} scope="col" className="choice-cell">
                  {t(`preferences.mode.${mode}`)}
                </th>
              ))}
            </tr>
          </thead>
          {KIND_GROUPS.map((group) => (
            <tbody key={group}>
              <tr className="group-row">
                <th scope="colgroup" colSpan={DELIVERY_MODES.length + 1}>
                  {t(`preferences.group.${group}`)}
                </th>
              </tr>
              {kindsOf(group).map((kind) => (
                <KindRow key={kind} kind={kind} mode={chosen[kind]} onChange={(mode) => set(kind, mode)} />
              ))}
            </tbody>
          ))}
        </table>
      </TableRegion>
      <div className="field digest-choice">
        <label>
          <input
            type="checkbox"
            checked={!digestOff}
            aria-describedby={digestHintId}
            onChange={(e) => set(DIGEST_KIND, e.target.checked ? 'immediate' : 'off')}
          />{' '}
          {t('preferences.digest')}
        </label>
        <p className="hint" id={digestHintId}>
          {t('preferences.digestHint')}
        </p>
      </div>
      {digestOff && inDigest > 0 && (
        <p className="notice notice-warning">{t('preferences.digestOffWarning', { count: inDigest })}</p>
      )}
      <div className="button-row">
        <SendButton pending={save.isPending} className="button button-primary">
          {t('preferences.save')}
        </SendButton>
      </div>
      <ErrorNotice error={save.error} />
    </form>
  );
}

/** How many kinds are set to `mode`. */
function kindsChosen(preferences: NotificationPreferences, mode: NotificationPreferences[MailKind]): number {
  return KIND_GROUPS.flatMap(kindsOf).filter((kind) => preferences[kind] === mode).length;
}
