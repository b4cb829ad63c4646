import { useState, type FormEvent } from 'react';
import { useT } from '../../i18n/I18nProvider';
import { useMapPackStatus } from '../map/map-pack-status';
import { PackProgress } from './PackProgress';
import { usePackInstaller } from './usePackInstaller';
import { TextField } from '../../ui/Field';

/**
 * The offline street map in settings: what is installed, a file to install (sent in pieces, so it
 * works in browser mode too), or a path on this computer for a pack too large to send.
 */
export function MapPackSettings() {
  const t = useT();
  const installed = useMapPackStatus();
  const installer = usePackInstaller();
  const [path, setPath] = useState('');
  const busy = installer.progress !== null;

  const submitPath = (event: FormEvent) => {
    event.preventDefault();
    if (path.trim()) void installer.installPath(path.trim());
  };

  return (
    <section
      className="map-pack-settings"
      aria-labelledby="map-pack-heading"
      data-testid="map-pack-settings"
    >
      <h3 id="map-pack-heading" className="panel-subheading">
        {t('mapPack.heading')}
      </h3>
      <p data-testid="map-pack-status">
        {installed
          ? t('mapPack.installed', {
              fileName: installed.fileName,
              format: installed.format === 'pmtiles' ? 'PMTiles' : 'MBTiles',
              size: (installed.bytes / 1024 ** 2).toFixed(1),
              segments: installed.streetSegments,
              towns: installed.towns,
            })
          : t('mapPack.none')}
      </p>
      <TextField
        label={t('mapPack.file')}
        hint={t('mapPack.dropHint')}
        hintId="map-pack-drop-hint"
        error={null}
        id="map-pack-file"
        type="file"
        accept=".pmtiles,.mbtiles"
        disabled={busy}
        aria-invalid={installer.errorField === 'fileName' ? true : undefined}
        aria-describedby="map-pack-drop-hint"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void installer.installFile(file);
        }}
      />
      <form className="map-pack-settings__path" onSubmit={submitPath}>
        <label htmlFor="map-pack-path">{t('mapPack.path')}</label>
        <input
          id="map-pack-path"
          type="text"
          value={path}
          disabled={busy}
          spellCheck={false}
          aria-invalid={installer.errorField === 'path' ? true : undefined}
          onChange={(e) => setPath(e.target.value)}
        />
        <button type="submit" disabled={busy || !path.trim()}>
          {t('mapPack.installPath')}
        </button>
      </form>
      <PackProgress progress={installer.progress} message={installer.message} />
    </section>
  );
}
