import type { ApiInput } from '../../../../shared/api/contract';
import { useQuery } from '../../lib/useQuery';

/** Who is on shift at this console, the idle lock, and any hand-off waiting for acknowledgement. */
export function useShiftState() {
  return useQuery('getShiftState', {}, ['shift']);
}

/** What the next dispatcher must know; refreshed while the end-of-shift dialog is open. */
export function useHandoffPreview() {
  return useQuery('previewHandoff', {}, ['incident', 'assignment']);
}

export function useHandoffBriefPage(input: ApiInput<'getHandoffBriefPage'>) {
  return useQuery('getHandoffBriefPage', input, ['shift']);
}

/** This shift's response-time metrics; `false` skips the request while the view is closed. */
export function useShiftMetrics(enabled: boolean) {
  return useQuery('getShiftMetrics', enabled ? {} : null, ['timing', 'incident', 'assignment']);
}
