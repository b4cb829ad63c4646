import { useState, type FormEvent } from 'react';
import { SettingsSchema, type Settings } from '../../../../shared/domain/settings';
import type { MessageKey } from '../../../../shared/i18n';
import { useBridge } from '../../api/BridgeProvider';
import { maxLengthAt, maxValueAt, minValueAt } from '../../lib/forms/contract-schema';
import { useContractForm } from '../../lib/forms/useContractForm';
import { FieldError } from '../../ui/Field';
import { Modal } from '../../ui/Modal';
import { useT } from '../../i18n/I18nProvider';
import { MapPackSettings } from './MapPackSettings';
import './settings.css';
import { useErrorText } from '../../lib/error-text';

type StandingKey = Extract<
  keyof Settings,
  | 'briefingDeescalationEn'
  | 'briefingDeescalationEs'
  | 'briefingRightsEn'
  | 'briefingRightsEs'
  | 'briefingSongsEn'
  | 'briefingSongsEs'
  | 'briefingSafetyEn'
  | 'briefingSafetyEs'
>;
const TEXT_FIELDS: [StandingKey, MessageKey][] = [
  ['briefingDeescalationEn', 'shift.deescalationEn'],
  ['briefingDeescalationEs', 'shift.deescalationEs'],
  ['briefingRightsEn', 'shift.rightsEn'],
  ['briefingRightsEs', 'shift.rightsEs'],
  ['briefingSongsEn', 'shift.songsEn'],
  ['briefingSongsEs', 'shift.songsEs'],
  ['briefingSafetyEn', 'shift.safetyEn'],
  ['briefingSafetyEs', 'shift.safetyEs'],
];
/** Limits from the settings schema the backend validates against. */
const HOTLINE_MAX = maxLengthAt(SettingsSchema, 'briefingNetworkHotline');
const STANDING_TEXT_MAX = maxLengthAt(SettingsSchema, 'briefingRightsEn');
const IDLE_MIN = minValueAt(SettingsSchema, 'idleLockMinutes');
const IDLE_MAX = maxValueAt(SettingsSchema, 'idleLockMinutes');

type Draft = Pick<
  Settings,
  StandingKey | 'briefingNetworkHotline' | 'briefingLegalHotline' | 'idleLockMinutes'
>;

/**
 * The network's standing briefing text (bilingual), hotline numbers, the idle-lock time, and the
 * offline street map.
 */
export function SettingsDialog({
  settings,
  onClose,
  onSaved,
}: {
  settings: Settings;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT();
  const describeError = useErrorText();
  const { bridge } = useBridge();
  const [draft, setDraft] = useState<Draft>(
    () =>
      ({
        briefingNetworkHotline: settings.briefingNetworkHotline,
        briefingLegalHotline: settings.briefingLegalHotline,
        idleLockMinutes: settings.idleLockMinutes,
        ...Object.fromEntries(TEXT_FIELDS.map(([key]) => [key, settings[key]])),
      }) as Draft,
  );
  const form = useContractForm<keyof Draft>({
    order: [
      'briefingNetworkHotline',
      'briefingLegalHotline',
      ...TEXT_FIELDS.map(([key]) => key),
      'idleLockMinutes',
    ],
    fieldId: (key) => `settings-${key}`,
  });

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const changes = Object.fromEntries(
      Object.entries(draft).filter(([key, value]) => settings[key as keyof Draft] !== value),
    ) as Partial<Draft>;
    if (Object.keys(changes).length === 0) {
      onClose();
      return;
    }
    const result = await bridge.api.updateSettings(changes);
    if (!result.ok) {
      form.refuseFromServer(result.error, describeError(result.error));
      return;
    }
    onSaved();
    onClose();
  };

  const err = (key: keyof Draft) => (
    <FieldError id={form.errorId(key)} message={form.errorAt(key)} />
  );
  /** id, aria-invalid and aria-describedby of one field. */
  const field = (key: keyof Draft) => ({
    id: `settings-${key}`,
    'aria-invalid': form.errorAt(key) ? true : undefined,
    'aria-describedby': form.describedBy(key),
  });

  return (
    <Modal
      title={t('shift.settingsTitle')}
      titleId="briefing-settings-title"
      onCancel={onClose}
      className="modal--settings"
      testId="settings-dialog"
    >
      <form ref={form.formRef} className="shift-form" onSubmit={(e) => void save(e)}>
        <p className="muted">{t('shift.standingHelp')}</p>
        <div className="settings-grid">
          <label>
            {t('shift.networkHotline')}
            <input
              {...field('briefingNetworkHotline')}
              type="text"
              maxLength={HOTLINE_MAX}
              value={draft.briefingNetworkHotline}
              data-autofocus
              onChange={(e) => set('briefingNetworkHotline', e.target.value)}
            />
            {err('briefingNetworkHotline')}
          </label>
          <label>
            {t('shift.legalHotline')}
            <input
              {...field('briefingLegalHotline')}
              type="text"
              maxLength={HOTLINE_MAX}
              value={draft.briefingLegalHotline}
              onChange={(e) => set('briefingLegalHotline', e.target.value)}
            />
            {err('briefingLegalHotline')}
          </label>
          {TEXT_FIELDS.map(([key, labelKey]) => (
            <label key={key}>
              {t(labelKey)}
              <textarea
                {...field(key)}
                maxLength={STANDING_TEXT_MAX}
                value={draft[key]}
                lang={key.endsWith('Es') ? 'es' : 'en'}
                onChange={(e) => set(key, e.target.value)}
              />
              {err(key)}
            </label>
          ))}
          <label>
            {t('shift.idleLockMinutes')}
            <input
              {...field('idleLockMinutes')}
              type="number"
              min={IDLE_MIN}
              max={IDLE_MAX}
              value={draft.idleLockMinutes}
              onChange={(e) => set('idleLockMinutes', Number(e.target.value))}
            />
            {err('idleLockMinutes')}
          </label>
        </div>
        {form.summary && <p role="status">{form.summary}</p>}
        <div className="modal__actions">
          <button type="button" onClick={onClose}>
            {t('shift.cancel')}
          </button>
          <button type="submit">{t('shift.settingsSave')}</button>
        </div>
      </form>
      <MapPackSettings />
    </Modal>
  );
}
