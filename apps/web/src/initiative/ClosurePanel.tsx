import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BenefitCategory, Closure, ClosureCode } from '../api/types';
import { BENEFIT_CATEGORIES, CLOSURE_CODES } from '../opportunities/vocabulary';
import { useAnnounce } from '../ui/Announcer';
import { ClosureCodeBadge } from '../ui/badges';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Field } from '../ui/Field';
import { fieldErrorsOf } from '../ui/field-paths';
import { ReasonField } from '../ui/ReasonField';
import { SendButton } from '../ui/SendButton';
import { useIntendedAction } from '../ui/use-intended-action';
import { commands, refreshAfterCommand } from './commands';
import { initiativeKeys } from './queries';

function ClosureForm({
  initiativeId,
  title,
  closure,
}: {
  initiativeId: string;
  title: string;
  closure: Closure;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  const [code, setCode] = useState<ClosureCode>(closure.code);
  const [reason, setReason] = useState(closure.reason ?? '');
  const [benefit, setBenefit] = useState<BenefitCategory | ''>(
    (BENEFIT_CATEGORIES as readonly string[]).includes(closure.achievedBenefit ?? '')
      ? (closure.achievedBenefit as BenefitCategory)
      : '',
  );
  const [missing, setMissing] = useState(false);
  const action = useIntendedAction({
    run: (body: { code: ClosureCode; reason: string; achievedBenefit: BenefitCategory | null }, key) =>
      commands.setClosure(initiativeId, body, key),
    onSuccess: async () => {
      announce(t('closure.saved', { title }));
      await refreshAfterCommand(queryClient, initiativeId);
      // The trail records it; the opportunity it came from shows it as its result.
      await queryClient.invalidateQueries({ queryKey: initiativeKeys.audit(initiativeId) });
      await queryClient.invalidateQueries({ queryKey: ['opportunity'] });
    },
  });
  const server = fieldErrorsOf(action.error).fields;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) return setMissing(true);
    setMissing(false);
    action.submit({ code, reason: reason.trim(), achievedBenefit: benefit || null });
  };
  return (
    <details className="manage">
      <summary>{t('closure.edit')}</summary>
      <form onSubmit={submit} noValidate className="form-grid two">
        <Field label={t('closure.code')} error={server.code ?? null}>
          {(props) => (
            <select {...props} value={code} onChange={(e) => setCode(e.target.value as ClosureCode)}>
              {CLOSURE_CODES.map((c) => (
                <option key={c} value={c}>
                  {t(`closureCode.${c}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('closure.achievedBenefit')} error={server.achievedBenefit ?? null}>
          {(props) => (
            <select
              {...props}
              value={benefit}
              onChange={(e) => setBenefit(e.target.value as BenefitCategory | '')}
            >
              <option value="">{t('closure.none')}</option>
              {BENEFIT_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {t(`benefitCategory.${c}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <ReasonField
          label={t('closure.reason')}
          error={missing ? t('closure.reasonRequired') : (server.reason ?? null)}
          className="span-all"
          value={reason}
          onChange={setReason}
        />
        <div className="button-row span-all">
          <SendButton pending={action.isPending} className="button button-primary">
            {t('closure.save')}
          </SendButton>
        </div>
        <div className="span-all">
          <ErrorNotice error={action.error} />
        </div>
      </form>
    </details>
  );
}

/** How a closed initiative ended: its closure code (derived or set), reason and achieved benefit. */
export function ClosurePanel({
  initiativeId,
  title,
  closure,
  mayEdit,
}: {
  initiativeId: string;
  title: string;
  closure: Closure;
  mayEdit: boolean;
}) {
  const { t } = useTranslation();
  const achieved = (BENEFIT_CATEGORIES as readonly string[]).includes(closure.achievedBenefit ?? '')
    ? t(`benefitCategory.${closure.achievedBenefit as BenefitCategory}`)
    : null;
  return (
    <div className="card closure-card">
      <dl className="facts facts-inline">
        <div>
          <dt>{t('closure.code')}</dt>
          <dd>
            <ClosureCodeBadge code={closure.code} />{' '}
            <span className="muted small">
              {closure.set ? t('closure.setBy', { by: closure.by ?? '' }) : t('closure.derived')}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t('closure.achievedBenefit')}</dt>
          <dd>{achieved ?? <span className="muted">{t('closure.none')}</span>}</dd>
        </div>
        {closure.reason && (
          <div className="span-all">
            <dt>{t('closure.reason')}</dt>
            <dd className="user-text">{closure.reason}</dd>
          </div>
        )}
      </dl>
      {mayEdit && (
        <ClosureForm
          key={`${closure.code}-${closure.reason ?? ''}-${closure.achievedBenefit ?? ''}`}
          initiativeId={initiativeId}
          title={title}
          closure={closure}
        />
      )}
    </div>
  );
}
