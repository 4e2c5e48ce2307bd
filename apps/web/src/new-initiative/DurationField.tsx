import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { DURATION_UNITS, type DurationInput, type DurationUnit } from './durations';

/** A duration as a number and a unit, labelled as one field, its error at the field. */
export function DurationField({
  label,
  hint,
  value,
  error,
  onChange,
}: {
  label: string;
  hint?: string;
  value: DurationInput;
  error?: string | null;
  onChange: (value: DurationInput) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const describedBy =
    [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field duration-field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={`${id}-amount`}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <div className="duration-inputs">
        <input
          id={`${id}-amount`}
          type="number"
          inputMode="decimal"
          min={0}
          step="any"
          value={value.amount}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          onChange={(e) => onChange({ ...value, amount: e.target.value })}
        />
        <select
          aria-label={t('newInitiative.unitOf', { field: label })}
          value={value.unit}
          onChange={(e) => onChange({ ...value, unit: e.target.value as DurationUnit })}
        >
          {DURATION_UNITS.map((unit) => (
            <option key={unit} value={unit}>
              {t(`durationUnit.${unit}`)}
            </option>
          ))}
        </select>
      </div>
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
