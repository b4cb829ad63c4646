import type { Responder } from '../../../../shared/api/schemas';
import { availabilityNow } from '../../../../shared/matching/availability';
import { useI18n } from '../../i18n/I18nProvider';
import { Badge } from '../../ui/Badge';

/** On call, available until a time, or off duty: the same reading the candidates list makes. */
export function DutyBadge({
  responder,
}: {
  responder: Pick<Responder, 'onCall' | 'availability'>;
}) {
  const { t } = useI18n();
  const now = availabilityNow(responder, Date.now());
  if (now.kind === 'on_call')
    return (
      <Badge kind="duty" value="on">
        {t('responders.onCall')}
      </Badge>
    );
  if (now.kind === 'available_until')
    return (
      <Badge kind="duty" value="on">
        {t('responders.availableUntil', { until: now.until })}
      </Badge>
    );
  return (
    <Badge kind="duty" value="off">
      {t('responders.offDuty')}
    </Badge>
  );
}
