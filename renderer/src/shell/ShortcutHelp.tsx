import type { MessageKey } from '../../../shared/i18n';
import { useT } from '../i18n/I18nProvider';
import { Modal } from '../ui/Modal';

/** Every keyboard shortcut of the console, by where it works. Keys are the same in EN and ES. */
export const SHORTCUTS: { section: MessageKey; items: [keys: string[], what: MessageKey][] }[] = [
  {
    section: 'help.anywhere',
    items: [
      [['N', 'Alt+N'], 'help.newIncident'],
      [['?'], 'help.help'],
      [['/'], 'help.search'],
      [['B'], 'help.board'],
      [['H'], 'help.history'],
      [['D'], 'help.details'],
      [['S'], 'help.status'],
      [['C'], 'help.candidates'],
      [['A'], 'help.note'],
      [['G'], 'help.assign'],
    ],
  },
  {
    section: 'help.inForm',
    items: [
      [['Tab', 'Shift+Tab'], 'help.tab'],
      [['↓', '↑', 'Enter'], 'help.suggest'],
      [['Enter'], 'help.save'],
      [['Ctrl+Enter'], 'help.saveTextarea'],
      [['Esc'], 'help.cancel'],
    ],
  },
  {
    section: 'help.inLists',
    items: [
      [['↓', '↑', 'Home', 'End'], 'help.listMove'],
      [['Enter'], 'help.listOpen'],
      [['Enter', 'C'], 'help.teamRow'],
      [['Esc'], 'help.closeDialog'],
    ],
  },
];

export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const t = useT();
  return (
    <Modal title={t('help.title')} titleId="help-title" testId="shortcut-help" onCancel={onClose}>
      {SHORTCUTS.map((group) => (
        <section key={group.section} className="shortcut-group">
          <h3>{t(group.section)}</h3>
          <dl className="shortcut-list">
            {group.items.map(([keys, what]) => (
              <div key={what} className="shortcut-list__row">
                <dt>
                  {keys.map((k, i) => (
                    <span key={k}>
                      {i > 0 && ' '}
                      <kbd>{k}</kbd>
                    </span>
                  ))}
                </dt>
                <dd>{t(what)}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
      <div className="modal__actions">
        <button type="button" className="button" data-autofocus onClick={onClose}>
          {t('help.close')} <kbd>Esc</kbd>
        </button>
      </div>
    </Modal>
  );
}
