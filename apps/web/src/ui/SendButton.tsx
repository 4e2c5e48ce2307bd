import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A form's submit button: disabled, and saying so, while what it sent is on its way. */
export function SendButton({
  pending,
  className = 'button',
  children,
}: {
  pending: boolean;
  className?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <button type="submit" className={className} disabled={pending}>
      {pending ? t('common.sending') : children}
    </button>
  );
}
