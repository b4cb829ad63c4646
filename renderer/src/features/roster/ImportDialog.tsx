import { useEffect, useState } from 'react';
import type { ImportProgress } from '../../../../shared/api/roster-matching';
import type { ColumnMapping } from '../../../../shared/roster/columns';
import { bytesToBase64, parseCsvBytes, parseGrid } from '../../../../shared/roster/csv';
import { useBridge } from '../../api/BridgeProvider';
import { useI18n } from '../../i18n/I18nProvider';
import { Modal } from '../../ui/Modal';
import { DoneStep, type ImportOutcome } from './ImportDone';
import { PreviewStep, type Decisions } from './ImportPreview';
import { MappingStep, useImportWords, type Plan } from './ImportSteps';
import { useErrorText } from '../../lib/error-text';

type Step =
  | { kind: 'file' }
  | { kind: 'mapping'; plan: Plan; mapping: ColumnMapping }
  | { kind: 'preview'; plan: Plan; mapping: ColumnMapping; decisions: Decisions }
  | { kind: 'done'; outcome: ImportOutcome };

interface Loaded {
  name: string;
  base64: string;
  /** A few example values per column, for the mapping step. */
  samples: string[][];
}

/** An .xlsx workbook is a zip archive: "PK\x03\x04". */
const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** Example values per column, read here only to help the mapping (the backend reads the file). */
async function sampleColumns(picked: File, bytes: Uint8Array): Promise<string[][]> {
  let parsed;
  if (isZip(bytes)) {
    const { default: readSheets } = await import('read-excel-file/browser');
    const sheets = await readSheets(picked);
    const grid = (sheets[0]?.data ?? []).slice(0, 50);
    parsed = parseGrid(
      grid.map((row) => row.map((c) => (c === null ? '' : String(c)))),
      'xlsx',
    );
  } else parsed = parseCsvBytes(bytes);
  return parsed.headers.map((_, col) =>
    parsed.rows
      .map((r) => r.cells[col]?.trim() ?? '')
      .filter(Boolean)
      .slice(0, 2),
  );
}

/** Progress of the running plan or commit, from the backend's `importProgress` events. */
function useImportProgress(active: boolean): ImportProgress | null {
  const { bridge } = useBridge();
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  useEffect(() => {
    if (!active) {
      setProgress(null);
      return;
    }
    return bridge.onEvent((event) => {
      if (event.type === 'importProgress') setProgress(event.progress);
    });
  }, [bridge, active]);
  return progress;
}

function ProgressBar({ progress }: { progress: ImportProgress | null }) {
  const { t } = useI18n();
  const counting = progress !== null && progress.total > 0 && progress.done > 0;
  const text = counting
    ? t('importProgress.rows', { done: progress.done, total: progress.total })
    : t('importProgress.reading');
  return (
    <div className="import-progress" data-testid="import-progress">
      <label htmlFor="import-progress-bar">{t('import.progressLabel')}</label>
      {/* Without a value the bar shows "working" until the first count arrives. */}
      <progress
        id="import-progress-bar"
        max={counting ? progress.total : undefined}
        value={counting ? progress.done : undefined}
        aria-valuetext={text}
      />
      <span role="status" className="muted">
        {text}
      </span>
    </div>
  );
}

/**
 * Roster import: pick a file (CSV or text in any common encoding, or an Excel workbook; sent as
 * bytes so the backend detects the format), check the column mapping, look at the dry run, then
 * import in one transaction and see what happened, with an undo per merge.
 */
export function ImportDialog({ onClose }: { onClose: (imported: ImportOutcome | null) => void }) {
  const { bridge } = useBridge();
  const { t } = useI18n();
  const describeError = useErrorText();
  const { fieldLabel } = useImportWords();
  const [file, setFile] = useState<Loaded | null>(null);
  const [step, setStep] = useState<Step>({ kind: 'file' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const progress = useImportProgress(busy);

  const pickFile = async (picked: File | undefined) => {
    setError(null);
    setStep({ kind: 'file' });
    if (!picked) return;
    setBusy(true);
    try {
      const bytes = new Uint8Array(await picked.arrayBuffer());
      const samples = await sampleColumns(picked, bytes).catch(() => [] as string[][]);
      const loaded = { name: picked.name, base64: bytesToBase64(bytes), samples };
      setFile(loaded);
      const result = await bridge.api.planRosterImport({ csvBase64: loaded.base64 });
      if (!result.ok) setError(describeError(result.error));
      else setStep({ kind: 'mapping', plan: result.value, mapping: [...result.value.mapping] });
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const preview = async (mapping: ColumnMapping) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    const result = await bridge.api.planRosterImport({ csvBase64: file.base64, mapping });
    setBusy(false);
    if (!result.ok) {
      setError(describeError(result.error));
      return;
    }
    // A "review" proposal is added as a separate person unless the dispatcher chooses merge.
    const decisions: Decisions = {};
    for (const d of result.value.duplicates)
      decisions[String(d.line)] = d.proposedAction === 'review' ? 'add' : d.proposedAction;
    setStep({ kind: 'preview', plan: result.value, mapping, decisions });
  };

  const commit = async (mapping: ColumnMapping, decisions: Decisions) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    const result = await bridge.api.commitRosterImport({
      csvBase64: file.base64,
      mapping,
      decisions,
    });
    setBusy(false);
    if (!result.ok) {
      setError(describeError(result.error));
      return;
    }
    setStep({ kind: 'done', outcome: result.value });
  };

  const stepNames = [
    t('import.stepFile'),
    t('import.stepMapping'),
    t('import.stepPreview'),
    t('import.stepDone'),
  ];
  const stepIndex = { file: 0, mapping: 1, preview: 2, done: 3 }[step.kind];

  return (
    <Modal
      title={t('import.title')}
      titleId="import-dialog-title"
      onCancel={() => onClose(step.kind === 'done' ? step.outcome : null)}
      className="modal--wide import-dialog"
      testId="import-dialog"
    >
      <ol className="import-steps" aria-label={t('import.steps')}>
        {stepNames.map((name, i) => (
          <li key={name} aria-current={i === stepIndex ? 'step' : undefined}>
            {name}
          </li>
        ))}
      </ol>

      {step.kind !== 'done' && (
        <div className="form-field import-file">
          <label htmlFor="import-file">{t('import.fileAny')}</label>
          <input
            id="import-file"
            type="file"
            accept=".csv,.txt,.xlsx,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            data-autofocus
            disabled={busy}
            onChange={(e) => void pickFile(e.target.files?.[0])}
          />
          <p className="field-hint">{t('import.fileAnyHint')}</p>
        </div>
      )}
      {busy && <ProgressBar progress={progress} />}
      {error && (
        <p role="alert" className="form-alert">
          {error}
        </p>
      )}

      {step.kind === 'mapping' && (
        <MappingStep
          plan={step.plan}
          mapping={step.mapping}
          samples={file?.samples ?? []}
          fieldLabel={fieldLabel}
          busy={busy}
          onChange={(mapping) => setStep({ ...step, mapping })}
          onNext={() => void preview(step.mapping)}
          onCancel={() => onClose(null)}
        />
      )}

      {step.kind === 'preview' && (
        <PreviewStep
          plan={step.plan}
          mapping={step.mapping}
          decisions={step.decisions}
          busy={busy}
          onDecide={(decisions) => setStep({ ...step, decisions })}
          onBack={() => setStep({ kind: 'mapping', plan: step.plan, mapping: step.mapping })}
          onCancel={() => onClose(null)}
          onCommit={(mapping, decisions) => void commit(mapping, decisions)}
        />
      )}

      {step.kind === 'done' && <DoneStep outcome={step.outcome} onClose={onClose} />}
      {step.kind === 'file' && (
        <div className="modal__actions">
          <button type="button" className="button" onClick={() => onClose(null)}>
            {t('import.cancel')}
          </button>
        </div>
      )}
    </Modal>
  );
}
