import { useMemo, useState } from 'react';
import type { ApiError } from '../../../shared/api/result';
import type { Responder } from '../../../shared/api/schemas';
import { useI18n } from '../i18n/I18nProvider';
import { Badge } from './Badge';
import { Listbox } from './Listbox';

interface Props {
  responders: readonly Responder[] | undefined;
  error: ApiError | null;
  selectedId: string | null;
  onSelect: (id: string) => void;
  showOnMap: boolean;
  onShowOnMapChange: (show: boolean) => void;
}

/** Lower-case and strip accents so "chicopee" finds "Chicopee" and "jose" finds "José". */
export function searchText(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .trim();
}

/** The roster: name, town, roles, languages and on-call state as text, filtered by a search box. */
export function RespondersPanel({
  responders,
  error,
  selectedId,
  onSelect,
  showOnMap,
  onShowOnMapChange,
}: Props) {
  const { t, label } = useI18n();
  const [query, setQuery] = useState('');
  const filtered = useMemo(() => {
    const needle = searchText(query);
    const all = responders ?? [];
    if (!needle) return all;
    return all.filter((r) => searchText(`${r.name} ${r.homeTown}`).includes(needle));
  }, [responders, query]);

  return (
    <section className="panel-section responders-panel" aria-labelledby="responders-heading">
      <h2 id="responders-heading" className="panel-heading">
        {t('responders.heading')}
        {responders && (
          <span className="panel-heading__count">
            {t('responders.count', { shown: filtered.length, total: responders.length })}
          </span>
        )}
      </h2>
      <div className="responders-panel__tools">
        <label className="visually-hidden" htmlFor="responder-search">
          {t('responders.search')}
        </label>
        <input
          id="responder-search"
          type="search"
          className="search-input"
          placeholder={t('responders.search')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          data-testid="responder-search"
        />
        <label className="checkbox-label">
          <input
            type="checkbox"
            checked={showOnMap}
            onChange={(e) => onShowOnMapChange(e.target.checked)}
            data-testid="show-responders"
          />{' '}
          {t('responders.showOnMap')}
        </label>
      </div>
      {error && (
        <p role="alert" className="error-text">
          {error.message}
        </p>
      )}
      {!responders && !error && <p className="muted">{t('responders.loading')}</p>}
      {responders && filtered.length === 0 && <p className="muted">{t('responders.empty')}</p>}
      <Listbox
        items={filtered}
        getId={(r) => r.id}
        selectedId={selectedId}
        onSelect={onSelect}
        label={t('responders.listLabel')}
        idPrefix="responder"
        testId="responder-list"
        itemTestId="responder-item"
        className="responder-list"
        renderItem={(r) => (
          <div className="responder-item">
            <div className="responder-item__top">
              <span className="responder-item__name">{r.name}</span>
              <Badge kind="duty" value={r.onCall ? 'on' : 'off'}>
                {r.onCall ? t('responders.onCall') : t('responders.offDuty')}
              </Badge>
            </div>
            <div className="responder-item__meta">{r.homeTown}</div>
            <div className="responder-item__meta">
              {r.roles.length
                ? r.roles.map((role) => label('role', role)).join(', ')
                : t('responders.noRoles')}
            </div>
            <div className="responder-item__meta">
              {r.languages.map((code) => label('lang', code)).join(', ')}
            </div>
          </div>
        )}
      />
    </section>
  );
}
