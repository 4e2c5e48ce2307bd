import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DirectoryPerson, PutPerson } from '../api/types';
import { useAnnounce } from '../ui/Announcer';
import { namedFields } from '../ui/Field';
import { fieldErrorsOf } from '../ui/field-paths';
import { FormProblems } from '../ui/FormProblems';
import { SendButton } from '../ui/SendButton';
import { useCheckedSubmit } from '../ui/use-checked-submit';
import { useIntendedAction } from '../ui/use-intended-action';
import { peopleCommands } from './commands';
import {
  LOCALES,
  type PersonField,
  type PersonForm,
  personFieldOf,
  personFormOf,
  toPutPerson,
} from './person-form';
import { personLabel } from './person-label';
import { peopleKeys } from './queries';

/**
 * An admin enters someone who has not signed in yet (so that waits reach them), or edits what the
 * directory has of someone: PUT /people/{id}. `person` absent: a new one.
 */
export function PersonEditor({ person, onDone }: { person?: DirectoryPerson; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [form, setForm] = useState<PersonForm>(() => personFormOf(person));
  const adding = !person;
  useEffect(() => heading.current?.focus(), []);
  const save = useIntendedAction({
    run: ({ id, body }: { id: string; body: PutPerson }, key) => peopleCommands.putPerson(id, body, key),
    onSuccess: async (saved) => {
      announce(t(adding ? 'people.added' : 'people.saved', { name: personLabel(saved, saved.id) }));
      queryClient.setQueryData(peopleKeys.person(saved.id), saved);
      await queryClient.invalidateQueries({ queryKey: peopleKeys.lists });
      onDone();
    },
  });
  const { problems, submit, fixed } = useCheckedSubmit(() => {
    const { id, body, problems: found } = toPutPerson(form);
    return { body: id && body ? { id, body } : null, problems: found };
  }, save.submit);
  const server = fieldErrorsOf(save.error, personFieldOf);
  const errorAt = (name: PersonField): string | null => {
    const local = problems[name];
    return local ? t(`people.problem.${local}`) : (server.fields[name] ?? null);
  };
  const set = <K extends PersonField>(name: K, value: PersonForm[K]) => {
    setForm((f) => ({ ...f, [name]: value }));
    fixed(name);
  };
  const field = namedFields((name: PersonField) => t(`people.field.${name}`), errorAt);
  const text = (
    name: 'id' | 'displayName' | 'email' | 'roles' | 'departments',
    options: { hint?: string; optional?: boolean; type?: string; readOnly?: boolean } = {},
  ) =>
    field(
      name,
      (props) => (
        <input
          {...props}
          type={options.type ?? 'text'}
          value={form[name]}
          readOnly={options.readOnly}
          spellCheck={false}
          onChange={(e) => set(name, e.target.value)}
        />
      ),
      options,
    );
  return (
    <section aria-labelledby={headingId} className="card person-editor">
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        {adding ? t('people.addTitle') : t('people.editTitle', { name: personLabel(person, person.id) })}
      </h2>
      <p className="hint">{t('people.editorLead')}</p>
      <form onSubmit={submit} noValidate>
        <FormProblems
          problems={problems}
          fields={server.fields}
          other={server.other}
          error={save.error}
          forbiddenTitle={t('people.forbidden')}
        />
        <div className="form-grid two">
          {text('id', { hint: adding ? t('people.hint.id') : t('people.hint.idFixed'), readOnly: !adding })}
          {text('displayName', { optional: true, hint: t('people.hint.displayName') })}
          {text('email', { optional: true, type: 'email', hint: t('people.hint.email') })}
          {field(
            'locale',
            (props) => (
              <select
                {...props}
                value={form.locale}
                onChange={(e) => set('locale', e.target.value as PersonForm['locale'])}
              >
                {LOCALES.map((locale) => (
                  <option key={locale} value={locale}>
                    {t(`language.names.${locale}`)}
                  </option>
                ))}
              </select>
            ),
            { hint: t('people.hint.locale') },
          )}
          {text('roles', { hint: t('people.hint.list'), optional: true })}
          {text('departments', { hint: t('people.hint.list'), optional: true })}
        </div>
        <p className="muted small">{t('people.tokenNote')}</p>
        <div className="button-row">
          <SendButton pending={save.isPending} className="button button-primary">
            {adding ? t('people.add') : t('people.save')}
          </SendButton>
          <button type="button" className="button button-quiet" onClick={onDone}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
