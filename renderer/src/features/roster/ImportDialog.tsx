import { useState } from 'react';
import type { ApiOutput } from '../../../../shared/api/contract';
import type { ColumnMapping, RosterField } from '../../../../shared/roster/columns';
import { bytesToBase64, parseCsvBytes } from '../../../../shared/roster/csv';
import { useBridge } from '../../api/BridgeProvider';
import { useI18n } from '../../i18n/I18nProvider';
import { Modal } from '../../ui/Modal';
import { MappingStep, ProblemTable, type Plan } from './ImportSteps';

type Outcome = ApiOutput<'commitRosterImport'>;
type Action = 'merge' | 'skip' | 'add';

type Step =
  | { kind: 'file' }
  | { kind: 'mapping'; plan: Plan; mapping: ColumnMapping }
  | { kind: 'preview'; plan: Plan; mapping: ColumnMapping; decisions: Record<string, Action> }
  | { kind: 'done'; outcome: Outcome };

interface Loaded {
  name: string;
  base64: string;
  /** A few example values per column, for the mapping step. */
  samples: string[][];
}

const SHOWN_ROWS = 100;

/**
 * Roster CSV import: pick a file (sent as bytes, so the backend detects the encoding), check the
 * column mapping (suggested from English/Spanish headers, editable), look at the dry run (rows
 * to add, likely duplicates with merge / skip / add per row, problem rows by line number), then
 * import the good rows in one transaction and see what happened.
 */
export function ImportDialog({ onClose }: { onClose: (imported: Outcome | null) => void }) {
  const { bridge } = useBridge();
  const { t, label } = useI18n();
  const [file, setFile] = useState<Loaded | null>(null);
  const [step, setStep] = useState<Step>({ kind: 'file' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const pickFile = async (picked: File | undefined) => {
    setError(null);
    setStep({ kind: 'file' });
    if (!picked) return;
    setBusy(true);
    try {
      const bytes = new Uint8Array(await picked.arrayBuffer());
      const parsed = parseCsvBytes(bytes);
      const samples = parsed.headers.map((_, col) =>
        parsed.rows
          .map((r) => r.cells[col]?.trim() ?? '')
          .filter(Boolean)
          .slice(0, 2),
      );
      const loaded = { name: picked.name, base64: bytesToBase64(bytes), samples };
      setFile(loaded);
      const result = await bridge.api.planRosterImport({ csvBase64: loaded.base64 });
      if (!result.ok) setError(result.error.message);
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
      setError(result.error.message);
      return;
    }
    const decisions: Record<string, Action> = {};
    for (const d of result.value.duplicates)
      decisions[String(d.line)] = d.proposedAction === 'review' ? 'add' : d.proposedAction;
    setStep({ kind: 'preview', plan: result.value, mapping, decisions });
  };

  const commit = async (mapping: ColumnMapping, decisions: Record<string, Action>) => {
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
      setError(result.error.message);
      return;
    }
    setStep({ kind: 'done', outcome: result.value });
  };

  const fieldLabel = (f: RosterField) => t(`rosterField.${f}`);
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
          <label htmlFor="import-file">{t('import.file')}</label>
          <input
            id="import-file"
            type="file"
            accept=".csv,.txt,text/csv"
            data-autofocus
            disabled={busy}
            onChange={(e) => void pickFile(e.target.files?.[0])}
          />
          <p className="field-hint">{t('import.fileHint')}</p>
        </div>
      )}
      {busy && (
        <p className="muted" role="status">
          {t('import.working')}
        </p>
      )}
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
        <section aria-labelledby="import-preview-heading" className="import-preview">
          <h3 id="import-preview-heading" className="panel-subheading">
            {t('import.previewHeading')}
          </h3>
          <p data-testid="import-summary">
            {t('import.summary', {
              total: step.plan.totalRows,
              add: step.plan.rowsToAdd.length,
              duplicates: step.plan.duplicates.length,
              problems: step.plan.problems.length,
            })}
          </p>
          {step.plan.mappingProblems.length > 0 && (
            <ul role="alert" className="form-alert">
              {step.plan.mappingProblems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}

          <h4 className="import-preview__heading">
            {t('import.toAdd', { count: step.plan.rowsToAdd.length })}
          </h4>
          {step.plan.rowsToAdd.length > 0 && (
            <div className="import-table-wrap">
              <table className="import-table" data-testid="import-add-table">
                <thead>
                  <tr>
                    <th scope="col">{t('import.line')}</th>
                    <th scope="col">{fieldLabel('name')}</th>
                    <th scope="col">{fieldLabel('homeTown')}</th>
                    <th scope="col">{fieldLabel('languages')}</th>
                    <th scope="col">{fieldLabel('roles')}</th>
                  </tr>
                </thead>
                <tbody>
                  {step.plan.rowsToAdd.slice(0, SHOWN_ROWS).map((row) => (
                    <tr key={row.line}>
                      <td>{row.line}</td>
                      <td>{row.fields.name}</td>
                      <td>{row.fields.homeTown}</td>
                      <td>{row.fields.languages.map((l) => label('lang', l)).join(', ')}</td>
                      <td>{row.fields.roles.map((r) => label('role', r)).join(', ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {step.plan.rowsToAdd.length > SHOWN_ROWS && (
                <p className="muted">
                  {t('import.more', { count: step.plan.rowsToAdd.length - SHOWN_ROWS })}
                </p>
              )}
            </div>
          )}

          {step.plan.duplicates.length > 0 && (
            <>
              <h4 className="import-preview__heading">
                {t('import.duplicates', { count: step.plan.duplicates.length })}
              </h4>
              <ul className="import-duplicates">
                {step.plan.duplicates.map((d) => {
                  const key = String(d.line);
                  const match =
                    d.match.kind === 'roster'
                      ? t('import.matchRoster', { name: d.match.name, town: d.match.homeTown })
                      : t('import.matchFile', {
                          line: d.match.line,
                          name: d.match.name,
                          town: d.match.homeTown,
                        });
                  return (
                    <li key={key} className="import-duplicate" data-testid="import-duplicate">
                      <fieldset className="radio-group">
                        <legend>
                          {t('import.duplicateRow', {
                            line: d.line,
                            name: d.fields.name,
                            town: d.fields.homeTown,
                          })}{' '}
                          <span className="muted">
                            {match} —{' '}
                            {d.matchedBy === 'phone' ? t('import.byPhone') : t('import.byNameTown')}
                          </span>
                        </legend>
                        {(['merge', 'skip', 'add'] as const).map((action) => (
                          <label key={action} className="radio">
                            <input
                              type="radio"
                              name={`dup-${key}`}
                              value={action}
                              checked={step.decisions[key] === action}
                              onChange={() =>
                                setStep({
                                  ...step,
                                  decisions: { ...step.decisions, [key]: action },
                                })
                              }
                            />
                            {t(`import.action.${action}`)}
                          </label>
                        ))}
                      </fieldset>
                    </li>
                  );
                })}
              </ul>
            </>
          )}

          {step.plan.problems.length > 0 && (
            <ProblemTable
              problems={step.plan.problems}
              heading={t('import.problems', { count: step.plan.problems.length })}
            />
          )}

          <div className="modal__actions">
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => setStep({ kind: 'mapping', plan: step.plan, mapping: step.mapping })}
            >
              {t('import.back')}
            </button>
            <button type="button" className="button" onClick={() => onClose(null)}>
              {t('import.cancel')}
            </button>
            <button
              type="button"
              className="button button--primary"
              disabled={busy || step.plan.mappingProblems.length > 0}
              onClick={() => void commit(step.mapping, step.decisions)}
            >
              {t('import.commit', {
                count:
                  step.plan.rowsToAdd.length +
                  Object.values(step.decisions).filter((a) => a !== 'skip').length,
              })}
            </button>
          </div>
        </section>
      )}

      {step.kind === 'done' && (
        <section aria-labelledby="import-done-heading">
          <h3 id="import-done-heading" className="panel-subheading">
            {t('import.doneHeading')}
          </h3>
          <p role="status" data-testid="import-result">
            {t('import.result', {
              added: step.outcome.added,
              merged: step.outcome.merged,
              skipped: step.outcome.skipped,
              problems: step.outcome.problems.length,
            })}
          </p>
          {step.outcome.problems.length > 0 && (
            <ProblemTable
              problems={step.outcome.problems}
              heading={t('import.notImported', { count: step.outcome.problems.length })}
            />
          )}
          <div className="modal__actions">
            <button
              type="button"
              className="button button--primary"
              data-autofocus
              onClick={() => onClose(step.outcome)}
            >
              {t('import.close')}
            </button>
          </div>
        </section>
      )}
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
