import { useState } from 'react';
import type { MessageKey } from '../../../../shared/i18n';
import { useBridge } from '../../api/BridgeProvider';
import { Modal } from '../../ui/Modal';
import { useBriefing } from './queries';
import { useT } from '../../i18n/I18nProvider';
import { PrintPortal } from './PrintPortal';
import '../shifts/shifts.css';
import { useErrorText } from '../../lib/error-text';

type LanguageChoice = 'both' | 'en' | 'es';
const LANGUAGES: Record<LanguageChoice, ('en' | 'es')[]> = {
  both: ['en', 'es'],
  en: ['en'],
  es: ['es'],
};

/**
 * "Print briefing" for the selected incident: a preview of the one-page rally briefing (built and
 * escaped by the backend), paper and language choices, an optional public meeting place, then
 * window.print() (browser mode and Electron alike: shifts.css prints only the page) or, in
 * Electron, "Save as PDF" through the main process.
 */
export function BriefingAction({ incidentId }: { incidentId: string | null }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <div className="briefing-action">
      <button
        type="button"
        disabled={!incidentId}
        data-testid="print-briefing"
        onClick={() => setOpen(true)}
      >
        {t('briefing.print')}
      </button>
      {open && incidentId && (
        <BriefingPreview incidentId={incidentId} onClose={() => setOpen(false)} />
      )}
    </div>
  );
}

function BriefingPreview({ incidentId, onClose }: { incidentId: string; onClose: () => void }) {
  const t = useT();
  const describeError = useErrorText();
  const { bridge } = useBridge();
  const [paper, setPaper] = useState<'letter' | 'a4'>('letter');
  const [languages, setLanguages] = useState<LanguageChoice>('both');
  const [placeDraft, setPlaceDraft] = useState('');
  const [meetingPlace, setMeetingPlace] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const briefing = useBriefing({
    incidentId,
    paper,
    languages: LANGUAGES[languages],
    ...(meetingPlace ? { meetingPlace } : {}),
  });
  const savePdf = bridge.printToPdf;

  return (
    <Modal
      title={t('briefing.preview')}
      titleId="briefing-preview-title"
      onCancel={onClose}
      className="modal--wide"
      testId="briefing-preview"
    >
      <div className="briefing-controls">
        <label>
          {t('briefing.paper')}
          <select
            value={paper}
            data-autofocus
            data-testid="briefing-paper"
            onChange={(e) => setPaper(e.target.value as 'letter' | 'a4')}
          >
            <option value="letter">{t('briefing.paperLetter')}</option>
            <option value="a4">{t('briefing.paperA4')}</option>
          </select>
        </label>
        <label>
          {t('briefing.languages')}
          <select
            value={languages}
            data-testid="briefing-languages"
            onChange={(e) => setLanguages(e.target.value as LanguageChoice)}
          >
            <option value="both">{t('briefing.langBoth')}</option>
            <option value="en">{t('briefing.langEn')}</option>
            <option value="es">{t('briefing.langEs')}</option>
          </select>
        </label>
        <label>
          {t('briefing.meetingPlaceLabel')}
          <input
            type="text"
            maxLength={120}
            value={placeDraft}
            data-testid="briefing-meeting-place"
            onChange={(e) => setPlaceDraft(e.target.value)}
            onBlur={() => setMeetingPlace(placeDraft.trim())}
            onKeyDown={(e) => {
              if (e.key === 'Enter') setMeetingPlace(placeDraft.trim());
            }}
          />
        </label>
        <button
          type="button"
          disabled={!briefing.data}
          data-testid="briefing-print-now"
          onClick={() => window.print()}
        >
          {t('briefing.printNow')}
        </button>
        {savePdf && (
          <button
            type="button"
            disabled={!briefing.data}
            onClick={() =>
              void savePdf(briefing.data?.title ?? 'briefing').then((r) =>
                setSaved(r.ok ? t('briefing.pdfSaved', { path: r.path }) : r.message),
              )
            }
          >
            {t('briefing.savePdf')}
          </button>
        )}
        <button type="button" onClick={onClose}>
          {t('briefing.close')}
        </button>
      </div>
      {saved && <p role="status">{saved}</p>}
      {briefing.data && briefing.data.missing.length > 0 && (
        <p className="briefing-missing" role="note" data-testid="briefing-missing">
          {t('briefing.missingHeading')}:{' '}
          {briefing.data.missing.map((m) => t(`briefing.missing.${m}` as MessageKey)).join('; ')}
        </p>
      )}
      {!briefing.data && !briefing.error && <p>{t('briefing.loading')}</p>}
      {briefing.error && <p role="alert">{describeError(briefing.error)}</p>}
      {briefing.data && (
        <>
          {/* Scrollable, so it is a Tab stop: arrow keys read the page a keyboard user prints. */}
          <div
            className="briefing-preview"
            role="region"
            tabIndex={0}
            aria-label={t('briefing.previewLabel')}
            dangerouslySetInnerHTML={{ __html: briefing.data.fragment }}
          />
          <PrintPortal fragment={briefing.data.fragment} />
        </>
      )}
    </Modal>
  );
}
