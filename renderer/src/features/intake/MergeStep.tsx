import { useState } from 'react';
import { useBridge } from '../../api/BridgeProvider';
import { focusSoon } from '../../lib/focusSoon';
import { useT } from '../../i18n/I18nProvider';
import { useConsoleDispatch, useConsoleState } from '../../shell/ConsoleStore';
import { MergeDialog } from './MergeDialog';
import { useErrorText } from '../../lib/error-text';

/** The step after saving a report that may duplicate open incidents: merge it, or keep it. */
export function MergeStep() {
  const t = useT();
  const describeError = useErrorText();
  const { bridge } = useBridge();
  const { mergeReview } = useConsoleState();
  const dispatch = useConsoleDispatch();
  const [pending, setPending] = useState<{ busy: boolean; error: string | null }>({
    busy: false,
    error: null,
  });
  if (!mergeReview) return null;

  const finish = (selectId: string | null, announcement: string) => {
    setPending({ busy: false, error: null });
    dispatch({ type: 'mergeFinished', selectId, announcement });
    focusSoon('#details-heading');
  };

  const mergeInto = async (intoId: string) => {
    setPending({ busy: true, error: null });
    const result = await bridge.api.mergeIncidents({ intoId, reportId: mergeReview.reportId });
    if (!result.ok) {
      setPending({ busy: false, error: describeError(result.error) });
      return;
    }
    finish(intoId, t('merge.merged', { count: result.value.reportCount }));
  };

  return (
    <MergeDialog
      candidates={mergeReview.candidates}
      busy={pending.busy}
      error={pending.error}
      onMerge={(id) => void mergeInto(id)}
      onKeepSeparate={() => finish(null, t('merge.kept'))}
    />
  );
}
