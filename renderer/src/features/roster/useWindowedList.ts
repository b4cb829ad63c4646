import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';

export interface WindowedList {
  /** Attach to the scrolling element. */
  ref: (el: HTMLElement | null) => void;
  onScroll: () => void;
  /** Render items [start, end) and pad the rest with `padTop` / `padBottom` pixels. */
  start: number;
  end: number;
  padTop: number;
  padBottom: number;
  /** Scrolls the least distance that brings item `index` fully into view. */
  scrollToIndex: (index: number) => void;
  scrollToTop: () => void;
}

/**
 * Windowing for a list of fixed-height rows: only the rows in view (plus `overscan` on each
 * side) are in the DOM, so a roster of thousands scrolls as smoothly as one of ten. The
 * viewport height is watched with a ResizeObserver (panels resize with the window).
 */
export function useWindowedList(count: number, rowHeight: number, overscan = 6): WindowedList {
  const elRef = useRef<HTMLElement | null>(null);
  const [viewport, setViewport] = useState({ top: 0, height: 600 });
  const observer = useRef<ResizeObserver | null>(null);

  const measure = useCallback(() => {
    const el = elRef.current;
    if (!el) return;
    setViewport((v) =>
      v.top === el.scrollTop && v.height === visibleHeight(el)
        ? v
        : { top: el.scrollTop, height: visibleHeight(el) || v.height },
    );
  }, []);

  const ref = useCallback(
    (el: HTMLElement | null) => {
      observer.current?.disconnect();
      elRef.current = el;
      if (!el) return;
      if (typeof ResizeObserver !== 'undefined') {
        observer.current = new ResizeObserver(measure);
        observer.current.observe(el);
      }
      measure();
    },
    [measure],
  );
  useEffect(() => () => observer.current?.disconnect(), []);

  // A shorter list (a filter) can leave the scroll position past the end: re-measure.
  useLayoutEffect(measure, [count, measure]);

  const first = Math.floor(viewport.top / rowHeight);
  const visible = Math.ceil(viewport.height / rowHeight) + 1;
  const start = Math.max(0, Math.min(count, first - overscan));
  const end = Math.min(count, first + visible + overscan);

  const scrollToIndex = useCallback(
    (index: number) => {
      const el = elRef.current;
      if (!el || index < 0) return;
      const top = index * rowHeight;
      const bottom = top + rowHeight;
      if (top < el.scrollTop) el.scrollTop = top;
      else if (bottom > el.scrollTop + el.clientHeight) el.scrollTop = bottom - el.clientHeight;
      measure();
    },
    [rowHeight, measure],
  );

  const scrollToTop = useCallback(() => {
    if (elRef.current) elRef.current.scrollTop = 0;
    measure();
  }, [measure]);

  return {
    ref,
    scrollToTop,
    onScroll: measure,
    start,
    end,
    padTop: start * rowHeight,
    padBottom: (count - end) * rowHeight,
    scrollToIndex,
  };
}

/**
 * The rows that can be seen: never more than the window's height, even when a layout lets the
 * list grow with its rows (which would otherwise render more rows, grow again, and end with
 * every row in the DOM).
 */
function visibleHeight(el: HTMLElement): number {
  const windowHeight = typeof window === 'undefined' ? Infinity : window.innerHeight || Infinity;
  return Math.min(el.clientHeight, windowHeight);
}
