import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';

interface ListboxProps<T> {
  items: readonly T[];
  getId: (item: T) => string;
  renderItem: (item: T, selected: boolean) => ReactNode;
  selectedId: string | null;
  /** Selection follows the arrow keys and clicks. */
  onSelect: (id: string) => void;
  /** Enter on the selected item (e.g. to show it on the map). Defaults to onSelect. */
  onActivate?: (id: string) => void;
  label: string;
  idPrefix: string;
  testId: string;
  itemTestId: string;
  className?: string;
}

/**
 * A single-select listbox: one tab stop, ArrowUp/ArrowDown/Home/End move the selection,
 * Enter activates, the selected option is announced via aria-activedescendant.
 */
export function Listbox<T>(props: ListboxProps<T>) {
  const { items, getId, selectedId, onSelect, idPrefix } = props;
  const listRef = useRef<HTMLUListElement>(null);
  const index = selectedId === null ? -1 : items.findIndex((item) => getId(item) === selectedId);
  const optionId = (id: string) => `${idPrefix}-${id}`;

  useEffect(() => {
    if (selectedId === null) return;
    const el = document.getElementById(`${idPrefix}-${selectedId}`);
    el?.scrollIntoView?.({ block: 'nearest' });
  }, [selectedId, idPrefix]);

  const move = (to: number) => {
    const item = items[Math.max(0, Math.min(items.length - 1, to))];
    if (item !== undefined) onSelect(getId(item));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    switch (event.key) {
      case 'ArrowDown':
        move(index + 1);
        break;
      case 'ArrowUp':
        move(index < 0 ? 0 : index - 1);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(items.length - 1);
        break;
      case 'Enter':
      case ' ':
        if (selectedId !== null) (props.onActivate ?? onSelect)(selectedId);
        else move(0);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  return (
    <ul
      ref={listRef}
      role="listbox"
      tabIndex={0}
      aria-label={props.label}
      aria-activedescendant={index >= 0 && selectedId !== null ? optionId(selectedId) : undefined}
      className={`listbox ${props.className ?? ''}`}
      data-testid={props.testId}
      onKeyDown={onKeyDown}
    >
      {items.map((item) => {
        const id = getId(item);
        const selected = id === selectedId;
        return (
          <li
            key={id}
            id={optionId(id)}
            role="option"
            aria-selected={selected}
            className={`listbox__option${selected ? ' is-selected' : ''}`}
            data-testid={props.itemTestId}
            data-id={id}
            onClick={() => {
              listRef.current?.focus();
              (props.onActivate ?? onSelect)(id);
            }}
          >
            {props.renderItem(item, selected)}
          </li>
        );
      })}
    </ul>
  );
}
