import { useCallback, useState } from 'react';
import type { ApiResult } from '../../../../shared/api/result';
import type { MapPackStatus } from '../../../../shared/api/map-pack';
import { useBridge } from '../../api/BridgeProvider';
import { useT } from '../../i18n/I18nProvider';
import { publishMapPackStatus } from '../map/map-pack-status';
import { uploadMapPack } from './map-pack-upload';
import { useErrorText } from '../../lib/error-text';

export interface PackInstallState {
  /** Bytes sent of the file being installed, or null when none is. */
  progress: { sent: number; total: number } | null;
  /** The last outcome in words. */
  message: { kind: 'done' | 'failed'; text: string } | null;
  /** The field the console refused (`path` or `fileName`), for aria-invalid. */
  errorField: string | null;
}

/**
 * Installs a street pack from a File (uploaded in pieces) or a path on this computer, and tells
 * the map (street layer, pin snapping) about the new pack.
 */
export function usePackInstaller() {
  const { bridge } = useBridge();
  const t = useT();
  const describeError = useErrorText();
  const [state, setState] = useState<PackInstallState>({
    progress: null,
    message: null,
    errorField: null,
  });

  const finish = useCallback(
    (r: ApiResult<MapPackStatus>) => {
      if (!r.ok) {
        const field = Object.keys(r.error.fieldErrors ?? {})[0] ?? null;
        setState({
          progress: null,
          errorField: field,
          message: {
            kind: 'failed',
            text: t('mapPack.failed', { message: describeError(r.error) }),
          },
        });
        return;
      }
      publishMapPackStatus(r.value.installed);
      setState({
        progress: null,
        errorField: null,
        message: {
          kind: 'done',
          text: t('mapPack.done', { fileName: r.value.installed?.fileName ?? '' }),
        },
      });
    },
    [t, describeError],
  );

  const installFile = useCallback(
    async (file: File) => {
      setState({ progress: { sent: 0, total: file.size }, message: null, errorField: null });
      const r = await uploadMapPack(bridge.api, file, (sent, total) =>
        setState((s) => ({ ...s, progress: { sent, total } })),
      );
      finish(r);
    },
    [bridge, finish],
  );

  const installPath = useCallback(
    async (path: string) => {
      setState({ progress: { sent: 0, total: 0 }, message: null, errorField: null });
      finish(await bridge.api.importMapPack({ path }));
    },
    [bridge, finish],
  );

  return { ...state, installFile, installPath };
}
