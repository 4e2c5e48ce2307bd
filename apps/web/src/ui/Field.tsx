import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';

export interface FieldControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
}

/**
 * A labelled form control with its hint and its error at the field: the control gets the id, the
 * description and aria-invalid through the render function. An optional one says so in its label.
 */
export function Field({
  label,
  optional,
  hint,
  error,
  className,
  children,
}: {
  label: ReactNode;
  optional?: boolean;
  hint?: ReactNode;
  error?: string | null;
  className?: string;
  children: (props: FieldControlProps) => ReactNode;
}) {
  const { t } = useTranslation();
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ');
  return (
    <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>
        {label}
        {optional && ` ${t('form.optional')}`}
      </label>
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      {children({
        id,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(error ? { 'aria-invalid': true as const } : {}),
      })}
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}

/**
 * A form's fields by name: each labelled from `labelOf`, with the error `errorAt` finds at it,
 * and a hint, an optional mark or a grid class as asked.
 */
export function namedFields<Name extends string>(
  labelOf: (name: Name) => string,
  errorAt: (name: Name) => string | null,
) {
  return (
    name: Name,
    control: (props: FieldControlProps) => ReactNode,
    options: { hint?: string; optional?: boolean; className?: string } = {},
  ) => (
    <Field
      label={labelOf(name)}
      optional={options.optional}
      hint={options.hint}
      error={errorAt(name)}
      className={options.className}
    >
      {control}
    </Field>
  );
}
