import { useT } from '../../i18n/I18nProvider';

/** A quiet note when street tiles fail; the offline map underneath keeps working. */
export function TileStatusBanner({ onDismiss }: { onDismiss: () => void }) {
  const t = useT();
  return (
    <div className="tile-banner" role="status" data-testid="tile-banner">
      <span>{t('map.tilesUnavailable')}</span>
      <button
        type="button"
        className="tile-banner__dismiss"
        aria-label={t('map.dismiss')}
        onClick={onDismiss}
      >
        ×
      </button>
    </div>
  );
}
