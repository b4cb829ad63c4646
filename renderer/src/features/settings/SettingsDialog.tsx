import { useState, type FormEvent } from 'react';
import type { Settings } from '../../../../shared/domain/settings';
import type { MessageKey } from '../../../../shared/i18n';
import { STANDING_TEXT_MAX, HOTLINE_MAX } from '../../../../shared/briefing/standing-text';
import { useBridge } from '../../api/BridgeProvider';
import { Modal } from '../../ui/Modal';
import { useT } from '../../i18n/I18nProvider';

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
type Draft = Pick<
  Settings,
  StandingKey | 'briefingNetworkHotline' | 'briefingLegalHotline' | 'idleLockMinutes'
>;

/** The network's standing briefing text (bilingual), hotline numbers and the idle-lock time. */
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
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);

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
      setErrors(result.error.fieldErrors ?? {});
      setMessage(result.error.message);
      return;
    }
    setMessage(t('shift.settingsSaved'));
    onSaved();
    onClose();
  };

  const err = (key: string) =>
    errors[key] ? (
      <span role="alert" className="field-error">
        {errors[key]}
      </span>
    ) : null;

  return (
    <Modal
      title={t('shift.settingsTitle')}
      titleId="briefing-settings-title"
      onCancel={onClose}
      className="modal--settings"
      testId="settings-dialog"
    >
      <form className="shift-form" onSubmit={(e) => void save(e)}>
        <p className="muted">{t('shift.standingHelp')}</p>
        <div className="settings-grid">
          <label>
            {t('shift.networkHotline')}
            <input
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
              type="number"
              min={1}
              max={60}
              value={draft.idleLockMinutes}
              onChange={(e) => set('idleLockMinutes', Number(e.target.value))}
            />
            {err('idleLockMinutes')}
          </label>
        </div>
        {message && <p role="status">{message}</p>}
        <div className="modal__actions">
          <button type="button" onClick={onClose}>
            {t('shift.cancel')}
          </button>
          <button type="submit">{t('shift.settingsSave')}</button>
        </div>
      </form>
    </Modal>
  );
}
