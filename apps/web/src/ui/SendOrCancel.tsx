import { Link, type LinkProps } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { SendButton } from './SendButton';

/** The end of a page-long form: send it, or leave for `cancelTo` without sending. */
export function SendOrCancel({
  pending,
  sendLabel,
  cancelTo,
}: {
  pending: boolean;
  sendLabel: string;
  cancelTo: LinkProps['to'];
}) {
  const { t } = useTranslation();
  return (
    <div className="button-row">
      <SendButton pending={pending} className="button button-primary button-large">
        {sendLabel}
      </SendButton>
      <Link to={cancelTo} className="button button-quiet">
        {t('common.cancel')}
      </Link>
    </div>
  );
}
