import { LOCALES } from '../../../shared/i18n';
import { useI18n } from '../i18n/I18nProvider';

/** EN / ES toggle buttons; the choice is remembered on this computer. */
export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <div
      role="group"
      aria-label={t('language.label')}
      className="language-switch"
      data-testid="language-switch"
    >
      {LOCALES.map((code) => (
        <button
          key={code}
          type="button"
          lang={code}
          aria-pressed={locale === code}
          // The visible code starts the name (label in name), the language follows.
          aria-label={`${code.toUpperCase()} ${t(code === 'en' ? 'language.en' : 'language.es')}`}
          className="language-switch__button"
          onClick={() => setLocale(code)}
        >
          {code.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
