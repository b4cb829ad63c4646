import { useEffect, useState } from 'react';
import { useT } from '../../i18n/I18nProvider';
import { PackProgress } from './PackProgress';
import { isPackFileName } from './map-pack-upload';
import { usePackInstaller } from './usePackInstaller';

const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;

/**
 * A .pmtiles or .mbtiles file dropped anywhere on the window is installed as the street map.
 * Only file drags are taken: drag-to-assign (people onto incidents) carries no files.
 */
export function MapPackDrop() {
  const t = useT();
  const installer = usePackInstaller();
  const [dropped, setDropped] = useState<string | null>(null);
  const { installFile } = installer;

  useEffect(() => {
    const over = (event: DragEvent) => {
      // Without this the browser would open the file in place of the console.
      if (carriesFiles(event)) event.preventDefault();
    };
    const drop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      const file = [...(event.dataTransfer?.files ?? [])].find((f) => isPackFileName(f.name));
      if (!file) return;
      setDropped(file.name);
      void installFile(file);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [installFile]);

  if (!dropped) return null;
  return (
    <div className="map-pack-drop" data-testid="map-pack-drop">
      {installer.progress && <p role="status">{t('mapPack.dropping', { fileName: dropped })}</p>}
      <PackProgress progress={installer.progress} message={installer.message} />
      {!installer.progress && (
        <button type="button" onClick={() => setDropped(null)}>
          {t('import.close')}
        </button>
      )}
    </div>
  );
}
