import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { ApiInput } from '../../../../shared/api/contract';
import type { IncidentPage } from '../../../../shared/api/incidents';
import type { Incident } from '../../../../shared/api/schemas';
import { useBridge } from '../../api/BridgeProvider';
import { useI18n } from '../../i18n/I18nProvider';
import { queryKey } from '../../lib/query-cache';
import { BOARD_PAGE_SIZE, useIncidentPage } from './queries';
import { useMeasuredWindow } from './useMeasuredWindow';

/** A card's height before it is drawn and measured (one line of badges). */
const ESTIMATED_CARD_PX = 74;

interface Props {
  filter: ApiInput<'countIncidents'>;
  /** The first page and the total, which the panel's heading also shows. */
  firstPage: IncidentPage | undefined;
  selectedId: string | null;
  onSelect: (incident: Incident) => void;
  onActivate: (incident: Incident) => void;
  label: string;
  renderItem: (incident: Incident) => ReactNode;
}

/** A page's answer, or while another one loads (a new search) the one shown before it. */
function useShownPage(filter: ApiInput<'countIncidents'>, page: number | null) {
  const { data } = useIncidentPage(filter, page);
  const last = useRef<IncidentPage | undefined>(undefined);
  if (data) last.current = data;
  return data ?? (page === null ? undefined : last.current);
}

const rowIn = (page: IncidentPage | undefined, index: number) =>
  page && index >= page.offset ? page.items[index - page.offset] : undefined;

/**
 * The board as a single-select listbox over every incident the filter matches, however many:
 * rows are fetched a page at a time from the backend in the board's order, and only the rows in
 * view are in the DOM. One tab stop; ArrowUp/ArrowDown/PageUp/PageDown/Home/End move the
 * selection (scrolling to rows not drawn yet), Enter activates; aria-setsize and aria-posinset
 * give each option its place in the whole list, so a screen reader says "12 of 5,000".
 */
export function BoardList(props: Props) {
  const { t } = useI18n();
  const { bridge } = useBridge();
  const { filter, firstPage, selectedId, onSelect } = props;
  const total = firstPage?.total ?? 0;
  const listKey = queryKey('board', filter);
  const win = useMeasuredWindow(total, ESTIMATED_CARD_PX, listKey, BOARD_PAGE_SIZE);
  const pageA = Math.floor(win.start / BOARD_PAGE_SIZE);
  const pageB = Math.floor(Math.max(win.start, win.end - 1) / BOARD_PAGE_SIZE);
  const shownA = useShownPage(filter, pageA);
  const shownB = useShownPage(filter, pageB === pageA ? null : pageB);
  const rowAt = (index: number) =>
    rowIn(shownA, index) ?? rowIn(shownB, index) ?? rowIn(firstPage, index);

  const rows: { index: number; incident: Incident | undefined }[] = [];
  for (let i = win.start; i < win.end; i++) rows.push({ index: i, incident: rowAt(i) });
  const selectedIndex = selectedId
    ? (rows.find((r) => r.incident?.id === selectedId)?.index ?? null)
    : null;

  // A row the keyboard moved to before its page arrived: selected once it is there.
  const [pending, setPending] = useState<number | null>(null);
  const pendingRow = pending === null ? undefined : rowAt(pending);
  useEffect(() => {
    if (pending === null || !pendingRow) return;
    setPending(null);
    onSelect(pendingRow);
  }, [pending, pendingRow, onSelect]);

  // Selected from elsewhere (the map, a save): bring it into view, asking where it sits when
  // its row is not loaded.
  const scrollToIndex = win.scrollToIndex;
  const located = useRef<string | null>(null);
  useEffect(() => {
    if (!selectedId) return;
    const index = [shownA, shownB, firstPage]
      .map((page) => page?.items.findIndex((i) => i.id === selectedId) ?? -1)
      .map((at, n) => (at >= 0 ? at + [shownA, shownB, firstPage][n]!.offset : -1))
      .find((at) => at >= 0);
    if (index !== undefined) {
      scrollToIndex(index);
      return;
    }
    const lookup = `${listKey}:${selectedId}`;
    if (located.current === lookup) return;
    located.current = lookup;
    void bridge.api.locateIncident({ ...filter, id: selectedId }).then((r) => {
      if (r.ok && r.value.index !== null && located.current === lookup)
        scrollToIndex(r.value.index);
    });
    // Rows arriving for other places do not move the list; only the selection and the list do.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedId, listKey, firstPage !== undefined]);

  const move = (to: number) => {
    if (total === 0) return;
    const target = Math.max(0, Math.min(total - 1, to));
    win.scrollToIndex(target);
    const row = rowAt(target);
    if (row) {
      setPending(null);
      props.onSelect(row);
    } else setPending(target);
  };
  const here = selectedIndex ?? (pending !== null ? pending : null);

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    switch (event.key) {
      case 'ArrowDown':
        move(here === null ? win.start : here + 1);
        break;
      case 'ArrowUp':
        move(here === null ? win.start : here - 1);
        break;
      case 'PageDown':
        move((here ?? win.start) + win.pageRows);
        break;
      case 'PageUp':
        move((here ?? win.start) - win.pageRows);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(total - 1);
        break;
      case 'Enter':
      case ' ': {
        const selected = selectedIndex === null ? undefined : rowAt(selectedIndex);
        if (selected) props.onActivate(selected);
        else move(win.start);
        break;
      }
      default:
        return;
    }
    event.preventDefault();
  };

  const optionId = (id: string) => `incident-${id}`;
  const listRef = useRef<HTMLUListElement | null>(null);
  return (
    <ul
      ref={(el) => {
        listRef.current = el;
        win.ref(el);
      }}
      role="listbox"
      tabIndex={0}
      aria-label={props.label}
      aria-activedescendant={
        selectedIndex !== null && selectedId ? optionId(selectedId) : undefined
      }
      className="listbox incident-list"
      data-testid="incident-list"
      data-total={total}
      onScroll={win.onScroll}
      onKeyDown={onKeyDown}
    >
      {win.padTop > 0 && <Spacer height={win.padTop} />}
      {rows.map(({ index, incident }) =>
        incident ? (
          <li
            key={incident.id}
            id={optionId(incident.id)}
            role="option"
            aria-selected={incident.id === selectedId}
            aria-setsize={total}
            aria-posinset={index + 1}
            className={`listbox__option${incident.id === selectedId ? ' is-selected' : ''}`}
            data-testid="incident-item"
            data-id={incident.id}
            data-index={index}
            onClick={() => {
              listRef.current?.focus();
              props.onActivate(incident);
            }}
          >
            {props.renderItem(incident)}
          </li>
        ) : (
          <li
            key={`row-${index}`}
            role="option"
            aria-selected={false}
            aria-disabled
            aria-setsize={total}
            aria-posinset={index + 1}
            className="listbox__option incident-list__loading"
            data-testid="incident-item-loading"
            data-index={index}
          >
            {t('incidents.loading')}
          </li>
        ),
      )}
      {win.padBottom > 0 && <Spacer height={win.padBottom} />}
    </ul>
  );
}

/**
 * The room the rows not drawn would take. An element, not padding on the list: padding cannot
 * shrink, so it would stretch the list to the height of every row and nothing would scroll.
 */
function Spacer({ height }: { height: number }) {
  return (
    <li
      role="presentation"
      aria-hidden="true"
      className="incident-list__spacer"
      style={{ height }}
    />
  );
}
