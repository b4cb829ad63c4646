import type { StorageFault } from '../shared/api/startup';
import { translate } from '../shared/i18n';

/** The English sentence for a storage fault, for logs, CLIs and error messages. */
export function describeStorageFault(fault: StorageFault): string {
  return translate('en', `storage.fault.${fault.kind}`, fault.params);
}
