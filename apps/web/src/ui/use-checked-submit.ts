import { type FormEvent, useState } from 'react';
import { FORM_PROBLEMS_ID } from './FormProblems';

/**
 * A form's send, checked first: the body goes to `send` when the form's checks find nothing;
 * else their problems are kept, by field, and the focus moves to the summary of them.
 */
export function useCheckedSubmit<Body, Problems extends object>(
  // `| null` on both, so that the problems' type is inferred from the form's check.
  check: () => { body: Body | null; problems: Problems | null },
  send: (body: Body) => void,
) {
  const [problems, setProblems] = useState<Partial<Problems>>({});
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = check();
    setProblems(result.problems ?? {});
    if (result.body) send(result.body);
    else document.getElementById(FORM_PROBLEMS_ID)?.focus();
  };
  /** Forgets a field's problem (it was changed). */
  const fixed = (name: keyof Problems) =>
    setProblems(({ [name]: _fixed, ...rest }) => rest as Partial<Problems>);
  return { problems, submit, fixed };
}
