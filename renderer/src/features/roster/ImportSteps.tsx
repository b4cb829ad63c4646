import { useCallback, useMemo } from 'react';
import type { ApiOutput } from '../../../../shared/api/contract';
import {
  ROSTER_FIELDS,
  mappingProblems,
  type ColumnMapping,
  type RosterField,
} from '../../../../shared/roster/columns';
import type { MessageKey } from '../../../../shared/i18n';
import { useI18n } from '../../i18n/I18nProvider';

export type Plan = ApiOutput<'planRosterImport'>;

/** What the importer says, as `{kind, params}` (an import note or a summary part). */
export interface NoteLike {
  kind: string;
  params: Record<string, string | number>;
}

const isRosterField = (v: unknown): v is RosterField =>
  typeof v === 'string' && (ROSTER_FIELDS as readonly string[]).includes(v);

/**
 * Words for the importer's notes: `importNote.<kind>` with a roster field named in the reader's
 * language; and the summary, whose parts carry their full key, joined with ", ".
 */
export function useImportWords() {
  const { t } = useI18n();
  const fieldLabel = useCallback((f: RosterField) => t(`rosterField.${f}`), [t]);
  const noteText = useCallback(
    (n: NoteLike) =>
      t(`importNote.${n.kind}` as MessageKey, {
        ...n.params,
        ...(isRosterField(n.params.field) ? { field: fieldLabel(n.params.field) } : {}),
      }),
    [t, fieldLabel],
  );
  const summaryText = useCallback(
    (parts: readonly NoteLike[]) => parts.map((p) => t(p.kind as MessageKey, p.params)).join(', '),
    [t],
  );
  return { fieldLabel, noteText, summaryText };
}

/** The refused rows of a dry run or a commit, by line number, with the reason in words. */
export function ProblemTable({
  problems,
  heading,
}: {
  problems: readonly (NoteLike & { line: number })[];
  heading: string;
}) {
  const { t } = useI18n();
  const { noteText } = useImportWords();
  return (
    <>
      <h4 className="import-preview__heading">{heading}</h4>
      <div className="import-table-wrap">
        <table className="import-table import-table--problems">
          <thead>
            <tr>
              <th scope="col">{t('import.line')}</th>
              <th scope="col">{t('import.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {problems.map((p, i) => (
              <tr key={`${p.line}-${i}`} data-testid="import-problem">
                <td>{p.line}</td>
                <td>{noteText(p)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** Step 2: which CSV column feeds which roster field, checked as the planner checks it. */
export function MappingStep({
  plan,
  mapping,
  samples,
  fieldLabel,
  busy,
  onChange,
  onNext,
  onCancel,
}: {
  plan: Plan;
  mapping: ColumnMapping;
  samples: string[][];
  fieldLabel: (f: RosterField) => string;
  busy: boolean;
  onChange: (mapping: ColumnMapping) => void;
  onNext: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const { noteText } = useImportWords();
  // The same checks as the planner's mappingProblems(), worded in the reader's language.
  const problems = useMemo(() => mappingProblems(mapping).map(noteText), [mapping, noteText]);
  return (
    <section aria-labelledby="import-mapping-heading">
      <h3 id="import-mapping-heading" className="panel-subheading">
        {t('import.mappingHeading')}
      </h3>
      <p className="field-hint" data-testid="import-read-as">
        {plan.encoding === 'xlsx'
          ? t('import.readAsXlsx', { rows: plan.totalRows })
          : t('import.readAs', {
              encoding: plan.encoding,
              delimiter: plan.delimiter === '\t' ? 'tab' : plan.delimiter,
              rows: plan.totalRows,
            })}
      </p>
      <div className="import-table-wrap">
        <table className="import-table import-mapping">
          <thead>
            <tr>
              <th scope="col">{t('import.column')}</th>
              <th scope="col">{t('import.example')}</th>
              <th scope="col">{t('import.field')}</th>
            </tr>
          </thead>
          <tbody>
            {plan.headers.map((header, i) => (
              <tr key={`${header}-${i}`}>
                <th scope="row">{header || t('import.unnamed', { n: i + 1 })}</th>
                <td className="import-mapping__sample">{(samples[i] ?? []).join(' · ')}</td>
                <td>
                  <select
                    aria-label={t('import.fieldFor', { column: header || String(i + 1) })}
                    value={mapping[i] ?? ''}
                    onChange={(e) =>
                      onChange(
                        mapping.map((m, j) =>
                          j === i ? ((e.target.value || null) as RosterField | null) : m,
                        ),
                      )
                    }
                  >
                    <option value="">{t('import.ignore')}</option>
                    {ROSTER_FIELDS.map((f) => (
                      <option key={f} value={f}>
                        {fieldLabel(f)}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {problems.length > 0 && (
        <ul className="form-alert" role="alert">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <div className="modal__actions">
        <button type="button" className="button" onClick={onCancel}>
          {t('import.cancel')}
        </button>
        <button
          type="button"
          className="button button--primary"
          disabled={busy || problems.length > 0}
          onClick={onNext}
        >
          {t('import.toPreview')}
        </button>
      </div>
    </section>
  );
}
