import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Responder } from '../../../../shared/api/schemas';
import { useBridge } from '../../api/BridgeProvider';
import { useI18n } from '../../i18n/I18nProvider';
import { Badge } from '../../ui/Badge';
import { useAssign } from '../assign/AssignProvider';
import { DutyBadge } from './DutyBadge';
import { useRosterWindow, type RosterPageFilter } from './queries';
import { useWindowedList } from './useWindowedList';

/** Fixed row height (px) for windowing: four lines of text plus padding. */
const ROW_HEIGHT = 92;

interface Props {
  filter: RosterPageFilter;
  selectedId: string | null;
  busyIds: ReadonlySet<string>;
  onSelect: (r: Responder) => void;
  onEdit: (r: Responder) => void;
}

/**
 * The roster as one listbox over everyone who matches: the list is as tall as all of them, and
 * only the rows in view are in the DOM, fetched a page at a time from the backend. Focus stays
 * on the listbox (aria-activedescendant names the selected row), so rows can come and go as it
 * scrolls without the keyboard losing its place; arrow keys may move onto a row whose page is
 * still on its way, and it is selected when it arrives.
 */
export function RosterList({ filter, selectedId, busyIds, onSelect, onEdit }: Props) {
  const { t, label } = useI18n();
  const { bridge } = useBridge();
  const { beginDrag, endDrag } = useAssign();
  const [count, setCount] = useState(0);
  const win = useWindowedList(count, ROW_HEIGHT);
  const rows = useRosterWindow(filter, win.start, win.end);
  const total = rows.total ?? 0;
  if (total !== count) setCount(total);

  // Where the keyboard is: a position arrows moved to whose row may still be loading, else the
  // selected row's position (in view, or where it was last selected from this list).
  const [pending, setPending] = useState<number | null>(null);
  const [lastIndex, setLastIndex] = useState(-1);
  let selectedIndex = -1;
  if (selectedId !== null) {
    if (rows.rowAt(lastIndex)?.id === selectedId) selectedIndex = lastIndex;
    else
      for (let i = win.start; i < win.end; i++)
        if (rows.rowAt(i)?.id === selectedId) selectedIndex = i;
  }
  const at = pending ?? selectedIndex;
  const arrived = pending === null ? undefined : rows.rowAt(pending);
  useEffect(() => {
    if (!arrived || pending === null) return;
    setPending(null);
    setLastIndex(pending);
    if (arrived.id !== selectedId) onSelect(arrived);
  }, [arrived, pending, selectedId, onSelect]);

  // Another search or filter: a new list, read from its top unless the selected person is in
  // it (below); a lookup on its way for the old list is dropped.
  const filterKey = JSON.stringify(filter);
  const { scrollToIndex, scrollToTop } = win;
  const located = useRef<string | null>(null);
  useEffect(() => {
    located.current = null;
    setPending(null);
    setLastIndex(-1);
    scrollToTop();
  }, [filterKey, scrollToTop]);

  // Selected elsewhere (the map) or before the list changed: bring the row into view, asking
  // the backend where it sits in this list when its page is not here. The keyboard goes on from
  // there; focus stays where it was.
  const locatedIn = useRef(filterKey);
  useEffect(() => {
    located.current = null;
    // Until a new list's first page arrives the old one is still shown: its positions are stale.
    const sameList = locatedIn.current === filterKey;
    locatedIn.current = filterKey;
    if (selectedId === null) return;
    if (sameList && selectedIndex >= 0) {
      scrollToIndex(selectedIndex);
      return;
    }
    const lookup = `${filterKey}:${selectedId}`;
    located.current = lookup;
    void bridge.api.locateResponder({ ...filter, id: selectedId }).then((r) => {
      if (!r.ok || r.value.index === null || located.current !== lookup) return;
      setLastIndex(r.value.index);
      scrollToIndex(r.value.index);
    });
    // Only a new selection or a new list moves it, never rows arriving as it scrolls.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedId, filterKey]);

  const move = (to: number) => {
    if (total === 0) return;
    const next = Math.max(0, Math.min(total - 1, to));
    setPending(next);
    scrollToIndex(next);
  };
  const current = at >= 0 ? rows.rowAt(at) : undefined;
  const onListKey = (event: KeyboardEvent<HTMLUListElement>) => {
    const page = Math.max(1, Math.floor((event.currentTarget.clientHeight || 400) / ROW_HEIGHT));
    switch (event.key) {
      case 'ArrowDown':
        move(at + 1);
        break;
      case 'ArrowUp':
        move(at < 0 ? 0 : at - 1);
        break;
      case 'PageDown':
        move(at + page);
        break;
      case 'PageUp':
        move(at - page);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(total - 1);
        break;
      case 'Enter':
        if (current) onEdit(current);
        else move(0);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  const items = [];
  for (let i = win.start; i < win.end; i++) {
    const r = rows.rowAt(i);
    if (!r) {
      items.push(
        <li
          key={`pending-${i}`}
          role="option"
          aria-selected={false}
          aria-disabled
          aria-setsize={total}
          aria-posinset={i + 1}
          className="listbox__option responder-row responder-row--pending"
          style={{ height: ROW_HEIGHT }}
        >
          <span className="muted">{t('responders.loading')}</span>
        </li>,
      );
      continue;
    }
    const isSelected = r.id === selectedId;
    const busy = busyIds.has(r.id);
    items.push(
      <li
        key={r.id}
        id={`responder-${r.id}`}
        role="option"
        aria-selected={isSelected}
        aria-setsize={total}
        aria-posinset={i + 1}
        className={`listbox__option responder-row${isSelected ? ' is-selected' : ''}${r.active ? '' : ' is-inactive'}`}
        style={{ height: ROW_HEIGHT }}
        data-testid="responder-item"
        data-id={r.id}
        data-responder-id={r.id}
        draggable={r.active}
        onDragStart={(e) => beginDrag(e, { responderId: r.id, name: r.name, expectedBusy: busy })}
        onDragEnd={endDrag}
        onClick={() => {
          setPending(null);
          setLastIndex(i);
          onSelect(r);
        }}
        onDoubleClick={() => onEdit(r)}
      >
        <div className="responder-item">
          <div className="responder-item__top">
            <span className="responder-item__name">{r.name}</span>
            <span className="responder-item__badges">
              {busy && (
                <Badge kind="busy" value="yes">
                  {t('roster.busy')}
                </Badge>
              )}
              {!r.active ? (
                <Badge kind="active" value="no">
                  {t('roster.inactive')}
                </Badge>
              ) : (
                <DutyBadge responder={r} />
              )}
            </span>
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
      </li>,
    );
  }

  return (
    <>
      {rows.error && (
        <p role="alert" className="error-text">
          {rows.error.message}
        </p>
      )}
      {rows.total === undefined && !rows.error && (
        <p className="muted">{t('responders.loading')}</p>
      )}
      {rows.total === 0 && <p className="muted">{t('responders.empty')}</p>}
      {/* The viewport scrolls; the list inside carries the windowing padding. A flex item
          can never be smaller than its own padding, so the padding must not sit on it. */}
      <div ref={win.ref} onScroll={win.onScroll} className="responder-list-viewport">
        <ul
          role="listbox"
          tabIndex={0}
          aria-label={t('responders.listLabel')}
          aria-activedescendant={current ? `responder-${current.id}` : undefined}
          aria-busy={rows.loading}
          className="listbox responder-list responder-list--windowed"
          data-testid="responder-list"
          data-total={total}
          style={{ paddingTop: win.padTop, paddingBottom: win.padBottom }}
          onKeyDown={onListKey}
        >
          {items}
        </ul>
      </div>
    </>
  );
}
