import type { ColumnMapping } from '../../../../shared/roster/columns';
import { useI18n } from '../../i18n/I18nProvider';
import { ProblemTable, useImportWords, type NoteLike, type Plan } from './ImportSteps';

export type DuplicateAction = 'merge' | 'skip' | 'add';
export type Decisions = Record<string, DuplicateAction>;

const SHOWN_ROWS = 100;

/** "⚑ what could not be read", one line per warning: a mark and words, never colour alone. */
export function WarningList({ line, warnings }: { line: number; warnings: readonly NoteLike[] }) {
  const { t } = useI18n();
  const { noteText } = useImportWords();
  if (warnings.length === 0) return null;
  return (
    <ul
      className="import-warnings"
      aria-label={t('import.warningsFor', { line })}
      data-testid="import-warnings"
    >
      {warnings.map((w, i) => (
        <li key={`${w.kind}-${i}`}>
          <span aria-hidden="true">⚑ </span>
          {noteText(w)}
        </li>
      ))}
    </ul>
  );
}

const MATCHED_BY = {
  phone: 'import.byPhone',
  name_town: 'import.byNameTown',
  phone_and_name: 'import.byPhoneAndName',
} as const;

/**
 * Step 3, the dry run: the summary in words, each row to add with what could not be read under
 * it, likely duplicates with how they matched and a merge / skip / add choice (a "review"
 * proposal says plainly that it becomes a separate person), and the refused rows.
 */
export function PreviewStep({
  plan,
  mapping,
  decisions,
  busy,
  onDecide,
  onBack,
  onCancel,
  onCommit,
}: {
  plan: Plan;
  mapping: ColumnMapping;
  decisions: Decisions;
  busy: boolean;
  onDecide: (decisions: Decisions) => void;
  onBack: () => void;
  onCancel: () => void;
  onCommit: (mapping: ColumnMapping, decisions: Decisions) => void;
}) {
  const { t, label } = useI18n();
  const { fieldLabel, noteText, summaryText } = useImportWords();
  return (
    <section aria-labelledby="import-preview-heading" className="import-preview">
      <h3 id="import-preview-heading" className="panel-subheading">
        {t('import.previewHeading')}
      </h3>
      <p data-testid="import-summary">{summaryText(plan.summary)}</p>
      {plan.mappingNotes.length > 0 && (
        <ul role="alert" className="form-alert">
          {plan.mappingNotes.map((n, i) => (
            <li key={`${n.kind}-${i}`}>{noteText(n)}</li>
          ))}
        </ul>
      )}

      <h4 className="import-preview__heading">
        {t('import.toAdd', { count: plan.rowsToAdd.length })}
      </h4>
      {plan.rowsToAdd.length > 0 && (
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
              {plan.rowsToAdd.slice(0, SHOWN_ROWS).map((row) => (
                <tr key={row.line} data-testid="import-add-row">
                  <td>{row.line}</td>
                  <td>
                    {row.fields.name}
                    <WarningList line={row.line} warnings={row.warnings} />
                  </td>
                  <td>{row.fields.homeTown}</td>
                  <td>{row.fields.languages.map((l) => label('lang', l)).join(', ')}</td>
                  <td>{row.fields.roles.map((r) => label('role', r)).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {plan.rowsToAdd.length > SHOWN_ROWS && (
            <p className="muted">
              {t('import.more', { count: plan.rowsToAdd.length - SHOWN_ROWS })}
            </p>
          )}
        </div>
      )}

      {plan.duplicates.length > 0 && (
        <>
          <h4 className="import-preview__heading">
            {t('import.duplicates', { count: plan.duplicates.length })}
          </h4>
          <ul className="import-duplicates">
            {plan.duplicates.map((d) => {
              const key = String(d.line);
              const match =
                d.match.kind === 'roster'
                  ? t('import.matchRoster', { name: d.match.name, town: d.match.homeTown })
                  : t('import.matchFile', {
                      line: d.match.line,
                      name: d.match.name,
                      town: d.match.homeTown,
                    });
              const hintId = `dup-hint-${key}`;
              return (
                <li key={key} className="import-duplicate" data-testid="import-duplicate">
                  <fieldset
                    className="radio-group"
                    aria-describedby={d.proposedAction === 'review' ? hintId : undefined}
                  >
                    <legend>
                      {t('import.duplicateRow', {
                        line: d.line,
                        name: d.fields.name,
                        town: d.fields.homeTown,
                      })}{' '}
                      <span className="muted">
                        {match} — {t(MATCHED_BY[d.matchedBy])};{' '}
                        {t(`import.proposed.${d.proposedAction}`)}
                      </span>
                    </legend>
                    {d.proposedAction === 'review' && (
                      <p id={hintId} className="form-warning" data-testid="import-review-hint">
                        <span aria-hidden="true">⚑ </span>
                        {t('import.reviewHint')}
                      </p>
                    )}
                    {(['merge', 'skip', 'add'] as const).map((action) => (
                      <label key={action} className="radio">
                        <input
                          type="radio"
                          name={`dup-${key}`}
                          value={action}
                          checked={decisions[key] === action}
                          onChange={() => onDecide({ ...decisions, [key]: action })}
                        />
                        {t(`import.action.${action}`)}
                      </label>
                    ))}
                    <WarningList line={d.line} warnings={d.warnings} />
                  </fieldset>
                </li>
              );
            })}
          </ul>
        </>
      )}

      {plan.problems.length > 0 && (
        <ProblemTable
          problems={plan.problems}
          heading={t('import.problems', { count: plan.problems.length })}
        />
      )}

      <div className="modal__actions">
        <button type="button" className="button" disabled={busy} onClick={onBack}>
          {t('import.back')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('import.cancel')}
        </button>
        <button
          type="button"
          className="button button--primary"
          disabled={busy || plan.mappingNotes.length > 0}
          onClick={() => onCommit(mapping, decisions)}
        >
          {t('import.commit', {
            count:
              plan.rowsToAdd.length + Object.values(decisions).filter((a) => a !== 'skip').length,
          })}
        </button>
      </div>
    </section>
  );
}
