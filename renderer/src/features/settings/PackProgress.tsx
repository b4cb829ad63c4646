import { useT } from '../../i18n/I18nProvider';
import type { PackInstallState } from './usePackInstaller';

/** A labelled bar while a pack is copied, then the outcome in words. */
export function PackProgress({ progress, message }: Omit<PackInstallState, 'errorField'>) {
  const t = useT();
  return (
    <>
      {progress && (
        <div className="map-pack-progress">
          <label htmlFor="map-pack-progress-bar">{t('mapPack.progress')}</label>
          <progress
            id="map-pack-progress-bar"
            max={progress.total || undefined}
            value={progress.total ? progress.sent : undefined}
          />
        </div>
      )}
      {message && (
        <p
          role={message.kind === 'failed' ? 'alert' : 'status'}
          className={message.kind === 'failed' ? 'form-alert' : undefined}
          data-testid="map-pack-message"
        >
          {message.text}
        </p>
      )}
    </>
  );
}
