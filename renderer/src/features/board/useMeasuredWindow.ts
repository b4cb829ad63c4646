import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';

export interface MeasuredWindow {
  /** Attach to the scrolling element. */
  ref: (el: HTMLElement | null) => void;
  onScroll: () => void;
  /** Render rows [start, end) and pad the rest with `padTop` / `padBottom` pixels. */
  start: number;
  end: number;
  padTop: number;
  padBottom: number;
  /** Scrolls the least distance that brings row `index` fully into view. */
  scrollToIndex: (index: number) => void;
  /** How many rows fit in the viewport (Page Up / Page Down). */
  pageRows: number;
}

/**
 * Windowing for rows whose height depends on their content (a card's badges wrap): only the rows
 * in view plus `overscan` are in the DOM; a row counts as `estimate` pixels until it has been
 * drawn and measured (rendered rows carry `data-index`). `resetKey` names the list (its filter): another list forgets the
 * heights. The window never holds more than `maxRows` rows, so a page or two covers it.
 */
export function useMeasuredWindow(
  count: number,
  estimate: number,
  resetKey: string,
  maxRows: number,
  overscan = 4,
): MeasuredWindow {
  const elRef = useRef<HTMLElement | null>(null);
  const heights = useRef(new Map<number, number>());
  const heightsKey = useRef(resetKey);
  if (heightsKey.current !== resetKey) {
    heightsKey.current = resetKey;
    heights.current = new Map();
  }
  const [viewport, setViewport] = useState({ top: 0, height: 600 });
  const [measured, setMeasured] = useState(0);
  const observer = useRef<ResizeObserver | null>(null);

  const measureViewport = useCallback(() => {
    const el = elRef.current;
    if (!el) return;
    const height = Math.min(el.clientHeight, window.innerHeight || Infinity) || 600;
    setViewport((v) =>
      v.top === el.scrollTop && v.height === height ? v : { top: el.scrollTop, height },
    );
  }, []);

  const ref = useCallback(
    (el: HTMLElement | null) => {
      observer.current?.disconnect();
      elRef.current = el;
      if (!el) return;
      if (typeof ResizeObserver !== 'undefined') {
        observer.current = new ResizeObserver(measureViewport);
        observer.current.observe(el);
      }
      measureViewport();
    },
    [measureViewport],
  );

  // offsets[i]: the top of row i; offsets[count]: the height of every row.
  const known = heights.current;
  const offsets = useMemo(() => {
    void measured; // a new measurement changes `known` in place
    const out = new Float64Array(count + 1);
    for (let i = 0; i < count; i++) out[i + 1] = out[i]! + (known.get(i) ?? estimate);
    return out;
  }, [count, estimate, measured, known]);

  const first = Math.max(0, upperBound(offsets, viewport.top) - 1);
  const last = upperBound(offsets, viewport.top + viewport.height);
  const start = Math.max(0, Math.min(count, first - overscan));
  const end = Math.min(count, last + overscan, start + maxRows);

  // A shorter list (a filter) can leave the scroll position past the end: re-measure.
  useLayoutEffect(measureViewport, [count, measureViewport]);

  // After every render: the drawn rows' heights (a card can change height in place). It settles:
  // the state changes only when a height differs from the one recorded.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useLayoutEffect(() => {
    const el = elRef.current;
    if (!el) return;
    let changed = false;
    for (const row of el.querySelectorAll<HTMLElement>(':scope > [data-index]')) {
      const index = Number(row.dataset.index);
      const height = row.getBoundingClientRect().height;
      if (height > 0 && heights.current.get(index) !== height) {
        heights.current.set(index, height);
        changed = true;
      }
    }
    if (changed) setMeasured((n) => n + 1);
  });

  const offsetsRef = useRef(offsets);
  offsetsRef.current = offsets;
  const scrollToIndex = useCallback(
    (index: number) => {
      const el = elRef.current;
      const at = offsetsRef.current;
      if (!el || index < 0 || index >= at.length - 1) return;
      const top = at[index]!;
      const bottom = at[index + 1]!;
      if (top < el.scrollTop) el.scrollTop = top;
      else if (bottom > el.scrollTop + el.clientHeight) el.scrollTop = bottom - el.clientHeight;
      measureViewport();
    },
    [measureViewport],
  );

  return {
    ref,
    onScroll: measureViewport,
    start,
    end,
    padTop: offsets[start] ?? 0,
    padBottom: (offsets[count] ?? 0) - (offsets[end] ?? 0),
    scrollToIndex,
    pageRows: Math.max(1, Math.floor(viewport.height / estimate)),
  };
}

/** The first index whose offset is greater than `value`. */
function upperBound(offsets: Float64Array, value: number): number {
  let lo = 0;
  let hi = offsets.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
