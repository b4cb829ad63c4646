import { useState } from 'react';
import { useBridge } from '../../api/BridgeProvider';
import { useI18n } from '../../i18n/I18nProvider';
import { useErrorText } from '../../lib/error-text';

/** Says that this console holds the fictional demo network, and removes it in one action. */
export function DemoBanner() {
  const { t } = useI18n();
  const describeError = useErrorText();
  const { bridge } = useBridge();
  const [error, setError] = useState<string | null>(null);
  const remove = async () => {
    const result = await bridge.api.removeDemoData({});
    if (!result.ok) return setError(describeError(result.error));
    window.location.reload();
  };
  return (
    <aside className="demo-banner" aria-label={t('demo.remove')} data-testid="demo-banner">
      <span>{t('demo.removeExplain')}</span>
      <button type="button" onClick={() => void remove()}>
        {t('demo.remove')}
      </button>
      {error && <span role="alert">{error}</span>}
    </aside>
  );
}
