import {
  useMemo,
  useState,
  type InputHTMLAttributes,
  type KeyboardEvent,
  type ReactNode,
} from 'react';

interface Props<T> {
  id: string;
  listId: string;
  optionId: (index: number) => string;
  /** The listbox's accessible name. */
  listLabel: string;
  text: string;
  onTextChange: (text: string) => void;
  /** The suggestions for the current text; `open` is whether the list is wanted at all. */
  getOptions: (open: boolean) => readonly T[];
  optionKey: (option: T, index: number) => string;
  renderOption: (option: T) => ReactNode;
  onPick: (option: T) => void;
  invalid: boolean;
  describedBy: string;
  /** Extra attributes for the input (aria-required, maxLength, spellCheck). */
  inputProps?: InputHTMLAttributes<HTMLInputElement>;
  /** When false, Enter picks only a suggestion the person moved to (not the first by default). */
  enterPicksFirst?: boolean;
  /** Rendered under the list, e.g. a "no match" hint. */
  footer?: (state: { open: boolean; options: readonly T[] }) => ReactNode;
}

/**
 * ARIA 1.2 combobox: the input keeps focus, the suggestions are a listbox referenced by
 * aria-controls, and the active one is announced with aria-activedescendant. ArrowDown opens or
 * moves down, ArrowUp moves up, Enter picks (the first suggestion if none is active), Esc and Tab
 * close. Enter and Esc act on the list only while it is open, so a surrounding form's
 * Enter-to-save and Esc-to-cancel keep working.
 */
export function Combobox<T>(props: Props<T>) {
  const { getOptions, onPick } = props;
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const options = useMemo(() => getOptions(open), [getOptions, open]);
  const expanded = open && options.length > 0;

  const pick = (option: T) => {
    setOpen(false);
    setActive(-1);
    onPick(option);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!expanded) {
          setOpen(true);
          setActive(0);
        } else setActive((a) => Math.min(options.length - 1, a + 1));
        return;
      case 'ArrowUp':
        event.preventDefault();
        if (expanded) setActive((a) => Math.max(0, a - 1));
        return;
      case 'Enter': {
        if (!expanded) return;
        event.preventDefault();
        event.stopPropagation();
        const fallback = props.enterPicksFirst === false ? -1 : 0;
        const option = options[active >= 0 ? active : fallback];
        if (option !== undefined) pick(option);
        return;
      }
      case 'Escape':
        if (!expanded) return;
        event.preventDefault();
        event.stopPropagation();
        setOpen(false);
        setActive(-1);
        return;
      case 'Tab':
        setOpen(false);
        return;
    }
  };

  return (
    <div className="combobox">
      <input
        {...props.inputProps}
        id={props.id}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={props.listId}
        aria-activedescendant={expanded && active >= 0 ? props.optionId(active) : undefined}
        aria-invalid={props.invalid || undefined}
        aria-describedby={props.describedBy}
        autoComplete="off"
        value={props.text}
        onChange={(e) => {
          props.onTextChange(e.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
      />
      <ul
        id={props.listId}
        role="listbox"
        aria-label={props.listLabel}
        className="combobox__list"
        hidden={!expanded}
      >
        {expanded &&
          options.map((option, i) => (
            <li
              key={props.optionKey(option, i)}
              id={props.optionId(i)}
              role="option"
              aria-selected={i === active}
              className={`combobox__option${i === active ? ' is-active' : ''}`}
              // mousedown, not click: the input must not lose focus (and close the list) first
              onMouseDown={(e) => {
                e.preventDefault();
                pick(option);
              }}
            >
              {props.renderOption(option)}
            </li>
          ))}
      </ul>
      {props.footer?.({ open, options })}
    </div>
  );
}
