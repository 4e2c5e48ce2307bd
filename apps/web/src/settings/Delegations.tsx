import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Delegation } from '../api/types';
import { useFormat } from '../i18n/format';
import { peopleCommands } from '../people/commands';
import { delegationOpen, delegationStatus, type DelegationStatus, personLabel } from '../people/person-label';
import { peopleKeys, personQuery } from '../people/queries';
import { useAnnounce } from '../ui/Announcer';
import { ErrorNotice } from '../ui/ErrorNotice';
import { TableRegion } from '../ui/TableRegion';
import { useIntendedAction } from '../ui/use-intended-action';
import { useNow } from '../ui/use-now';

const STATUS_BADGE: Record<DelegationStatus, string> = {
  running: 'badge-success',
  upcoming: 'badge-info',
  ended: 'badge-muted',
  revoked: 'badge-muted',
};

/** A person a delegation names, by their name in the directory when it has one. */
function usePersonName(id: string): string {
  return personLabel(useQuery(personQuery(id)).data, id);
}

function PersonName({ id }: { id: string }) {
  const name = usePersonName(id);
  return (
    <>
      {name}
      {name !== id && <span className="row-id">{id}</span>}
    </>
  );
}

function EndNow({ delegation }: { delegation: Delegation }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  const name = usePersonName(delegation.delegate);
  const end = useIntendedAction({
    run: (id: string, key) => peopleCommands.endDelegation(id, key),
    onSuccess: async () => {
      announce(t('delegation.ended', { name }));
      await queryClient.invalidateQueries({ queryKey: peopleKeys.me });
    },
  });
  return (
    <>
      <button
        type="button"
        className="button"
        disabled={end.isPending}
        onClick={() => end.submit(delegation.id)}
      >
        {end.isPending ? t('common.sending') : t('delegation.endNow')}
        <span className="visually-hidden"> {t('delegation.endNowOf', { name })}</span>
      </button>
      <ErrorNotice error={end.error} />
    </>
  );
}

/** The person's delegations to others, newest first: when, to whom, why, and ending one now. */
export function GivenDelegations({ delegations }: { delegations: readonly Delegation[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const now = useNow(30_000);
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="delegations-given">
      <h3 id={headingId}>{t('delegation.givenTitle')}</h3>
      {delegations.length === 0 ? (
        <p className="muted">{t('delegation.noneGiven')}</p>
      ) : (
        <TableRegion label={t('delegation.givenTitle')}>
          <table className="data-table delegations-table">
            <caption>{t('delegation.givenCaption', { count: delegations.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('delegation.col.delegate')}</th>
                <th scope="col">{t('delegation.col.from')}</th>
                <th scope="col">{t('delegation.col.until')}</th>
                <th scope="col">{t('delegation.col.reason')}</th>
                <th scope="col">{t('delegation.col.status')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('delegation.col.act')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {delegations.map((d) => {
                const status = delegationStatus(d, now);
                return (
                  <tr key={d.id}>
                    <th scope="row">
                      <PersonName id={d.delegate} />
                    </th>
                    <td className="nowrap">
                      <time dateTime={d.startsAt}>{format.dateTime(d.startsAt)}</time>
                    </td>
                    <td className="nowrap">
                      <time dateTime={d.endsAt}>{format.dateTime(d.endsAt)}</time>
                    </td>
                    <td className="user-text">{d.reason}</td>
                    <td>
                      <span className={`badge ${STATUS_BADGE[status]}`}>
                        {t(`delegation.status.${status}`)}
                      </span>
                      {d.revokedAt && (
                        <span className="muted small block">
                          {t('delegation.revokedAt', { when: format.dateTime(d.revokedAt) })}
                        </span>
                      )}
                    </td>
                    <td>{delegationOpen(d, now) && <EndNow delegation={d} />}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableRegion>
      )}
    </section>
  );
}

/** Others' delegations to the person, read-only: whom they stand in for, until when, and why. */
export function ReceivedDelegations({ delegations }: { delegations: readonly Delegation[] }) {
  const { t } = useTranslation();
  const now = useNow(30_000);
  const headingId = useId();
  const open = delegations.filter((d) => delegationOpen(d, now));
  return (
    <section aria-labelledby={headingId} className="delegations-received">
      <h3 id={headingId}>{t('delegation.receivedTitle')}</h3>
      {open.length === 0 ? (
        <p className="muted">{t('delegation.noneReceived')}</p>
      ) : (
        <ul className="plain-list received-list">
          {open.map((d) => (
            <ReceivedItem key={d.id} delegation={d} running={delegationStatus(d, now) === 'running'} />
          ))}
        </ul>
      )}
    </section>
  );
}

function ReceivedItem({ delegation, running }: { delegation: Delegation; running: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const name = usePersonName(delegation.delegator);
  const until = format.dateTime(delegation.endsAt);
  return (
    <li className={`notice ${running ? 'notice-info' : 'notice-neutral'}`}>
      <p>
        {running
          ? t('delegation.standingIn', { name, until })
          : t('delegation.willStandIn', { name, from: format.dateTime(delegation.startsAt), until })}
      </p>
      <p className="user-text muted small">{delegation.reason}</p>
    </li>
  );
}
