import { useState } from 'react';
import type { ApiOutput } from '../../../../shared/api/contract';
import { useBridge } from '../../api/BridgeProvider';
import { useI18n } from '../../i18n/I18nProvider';
import { ProblemTable, useImportWords } from './ImportSteps';
import { useErrorText } from '../../lib/error-text';

export type ImportOutcome = ApiOutput<'commitRosterImport'>;

/**
 * Step 4: what the import did, in words ("21 added, 1 merged, 1 needs a name"), what could not be
 * read per line, the refused rows, and an undo for each merge (the merged person comes back as
 * before and the imported row is added as a separate person).
 */
export function DoneStep({
  outcome,
  onClose,
}: {
  outcome: ImportOutcome;
  onClose: (outcome: ImportOutcome) => void;
}) {
  const { t } = useI18n();
  const describeError = useErrorText();
  const { bridge } = useBridge();
  const { noteText, summaryText } = useImportWords();
  const [undone, setUndone] = useState<Record<string, boolean>>({});
  const [undoError, setUndoError] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  const undo = async (activityId: string) => {
    setBusyId(activityId);
    setUndoError(null);
    const result = await bridge.api.undoImportMerge({ activityId });
    setBusyId(null);
    if (!result.ok) setUndoError(describeError(result.error));
    else setUndone((u) => ({ ...u, [activityId]: true }));
  };

  const withWarnings = outcome.warnings.filter((w) => w.warnings.length > 0);
  return (
    <section aria-labelledby="import-done-heading">
      <h3 id="import-done-heading" className="panel-subheading">
        {t('import.doneHeading')}
      </h3>
      <p role="status" data-testid="import-result">
        {summaryText(outcome.summary)}
      </p>
      {withWarnings.length > 0 && (
        <>
          <h4 className="import-preview__heading">
            {t('import.doneWarnings', { count: withWarnings.length })}
          </h4>
          <ul className="import-warnings import-warnings--done" data-testid="import-done-warnings">
            {withWarnings.flatMap((w) =>
              w.warnings.map((n, i) => (
                <li key={`${w.line}-${i}`}>
                  <span aria-hidden="true">⚑ </span>
                  {t('import.doneWarningLine', { line: w.line, text: noteText(n) })}
                </li>
              )),
            )}
          </ul>
        </>
      )}
      {outcome.merges.length > 0 && (
        <>
          <h4 className="import-preview__heading">
            {t('import.merges', { count: outcome.merges.length })}
          </h4>
          <ul className="import-merges">
            {outcome.merges.map((m) => (
              <li key={m.activityId} data-testid="import-merge">
                {undone[m.activityId] ? (
                  <span role="status">{t('import.mergeUndone', { line: m.line })}</span>
                ) : (
                  <>
                    {t('import.mergeLine', { line: m.line })}{' '}
                    <button
                      type="button"
                      className="button"
                      disabled={busyId !== null}
                      aria-label={t('import.undoMergeFor', { line: m.line })}
                      onClick={() => void undo(m.activityId)}
                    >
                      {t('import.undoMerge')}
                    </button>
                  </>
                )}
              </li>
            ))}
          </ul>
          {undoError && (
            <p role="alert" className="form-alert">
              {undoError}
            </p>
          )}
        </>
      )}
      {outcome.problems.length > 0 && (
        <ProblemTable
          problems={outcome.problems}
          heading={t('import.notImported', { count: outcome.problems.length })}
        />
      )}
      <div className="modal__actions">
        <button
          type="button"
          className="button button--primary"
          data-autofocus
          onClick={() => onClose(outcome)}
        >
          {t('import.close')}
        </button>
      </div>
    </section>
  );
}
