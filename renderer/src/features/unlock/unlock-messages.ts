import type { ApiError } from '../../../../shared/api/result';
import type { StorageFault } from '../../../../shared/api/startup';
import type { I18n } from '../../i18n/I18nProvider';
import type { Locale } from '../../../../shared/i18n';
import { errorText } from '../../lib/error-text';

export function faultMessage(t: I18n['t'], fault: StorageFault): string {
  return t(`storage.fault.${fault.kind}`, fault.params);
}

/** A failed startup call in the reader's language (the backend's English is the fallback). */
export function unlockErrorMessage(t: I18n['t'], locale: Locale, error: ApiError): string {
  if (error.code === 'wrong_passphrase') return t('unlock.wrongPassphrase');
  if (error.code === 'storage_fault' && error.fault)
    return faultMessage(t, error.fault as StorageFault);
  if (error.code === 'invalid_input' && error.fieldErrors?.confirm) return t('unlock.mismatch');
  if (error.code === 'invalid_input' && error.fieldErrors?.passphrase) return t('unlock.tooShort');
  return t('unlock.error', { message: errorText(locale, error) });
}
