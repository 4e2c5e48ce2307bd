import type { ReactNode } from 'react';
import { Field } from './Field';

/** The API's limit on a reason or a short comment. */
const MAX_REASON = 2000;

/** A reason (why pause, decline, close…) or a short comment: a small text area, labelled. */
export function ReasonField({
  label,
  optional,
  error,
  className,
  value,
  onChange,
}: {
  label: ReactNode;
  optional?: boolean;
  error: string | null;
  className?: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <Field label={label} optional={optional} error={error} className={className}>
      {(props) => (
        <textarea
          {...props}
          rows={2}
          maxLength={MAX_REASON}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}
