import type { ShiftState } from '../../../../shared/api/shift-schemas';
import { useBridge } from '../../api/BridgeProvider';
import { useApiQuery, type ApiQuery } from '../../lib/useApiQuery';

/** Who is on shift at this console, the idle lock, and any hand-off waiting for acknowledgement. */
export function useShiftState(): ApiQuery<ShiftState> {
  const { bridge } = useBridge();
  return useApiQuery('shift-state', () => bridge.api.getShiftState({}), ['shift']);
}
