import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreateDelegation, Me } from '../api/types';
import { peopleCommands } from '../people/commands';
import { personLabel } from '../people/person-label';
import { peopleKeys } from '../people/queries';
import { useAnnounce } from '../ui/Announcer';
import { namedFields } from '../ui/Field';
import { fieldErrorsOf } from '../ui/field-paths';
import { FormProblems } from '../ui/FormProblems';
import { SendButton } from '../ui/SendButton';
import { useCheckedSubmit } from '../ui/use-checked-submit';
import { useIntendedAction } from '../ui/use-intended-action';
import {
  type DelegationField,
  type DelegationForm as Form,
  delegationFieldOf,
  newDelegationForm,
  toDelegationBody,
} from './delegation-form';
import { PersonPicker } from './PersonPicker';

/** The API's limit on a delegation's reason. */
const MAX_REASON = 500;

/** A delegation of the person's waits to someone else, from one moment until another. */
export function DelegationForm({ me }: { me: Me }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  const headingId = useId();
  const [form, setForm] = useState<Form>(() => newDelegationForm());
  // Each delegation given starts the next one afresh, its search too.
  const [round, setRound] = useState(0);
  const create = useIntendedAction({
    run: (body: CreateDelegation, key) => peopleCommands.delegate(body, key),
    onSuccess: async (delegation) => {
      announce(
        t('delegation.created', { name: personLabel(form.delegate ?? undefined, delegation.delegate) }),
      );
      setForm(newDelegationForm());
      setRound((n) => n + 1);
      await queryClient.invalidateQueries({ queryKey: peopleKeys.me });
    },
  });
  const { problems, submit, fixed } = useCheckedSubmit(() => toDelegationBody(form), create.submit);
  const server = fieldErrorsOf(create.error, delegationFieldOf);
  const errorAt = (name: DelegationField): string | null => {
    const local = problems[name];
    return local ? t(`delegation.problem.${local}`) : (server.fields[name] ?? null);
  };
  const set = <K extends DelegationField>(name: K, value: Form[K]) => {
    setForm((f) => ({ ...f, [name]: value }));
    fixed(name);
  };
  const field = namedFields((name: DelegationField) => t(`delegation.field.${name}`), errorAt);
  const instant = (name: 'startsAt' | 'endsAt') =>
    field(
      name,
      (props) => (
        <input
          {...props}
          type="datetime-local"
          value={form[name]}
          required
          onChange={(e) => set(name, e.target.value)}
        />
      ),
      { hint: t(`delegation.hint.${name}`) },
    );
  return (
    <section aria-labelledby={headingId} className="card delegation-card">
      <h3 id={headingId}>{t('delegation.formTitle')}</h3>
      <p className="hint">{t('delegation.formLead')}</p>
      <form onSubmit={submit} noValidate>
        <FormProblems problems={problems} fields={server.fields} other={server.other} error={create.error} />
        <PersonPicker
          key={round}
          label={t('delegation.field.delegate')}
          chosen={form.delegate}
          onChoose={(person) => set('delegate', person)}
          exclude={me.person.id}
          error={errorAt('delegate')}
        />
        <div className="form-grid two">
          {instant('startsAt')}
          {instant('endsAt')}
        </div>
        {field(
          'reason',
          (props) => (
            <textarea
              {...props}
              rows={2}
              maxLength={MAX_REASON}
              value={form.reason}
              onChange={(e) => set('reason', e.target.value)}
            />
          ),
          { hint: t('delegation.hint.reason') },
        )}
        <div className="button-row">
          <SendButton pending={create.isPending} className="button button-primary">
            {t('delegation.send')}
          </SendButton>
        </div>
      </form>
    </section>
  );
}
