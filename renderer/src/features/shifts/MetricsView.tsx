import { useMemo } from 'react';
import type { ShiftMetrics } from '../../../../shared/shifts/metrics';
import { renderMetricsChartSvg } from '../../../../shared/shifts/chart-svg';
import { formatDuration } from '../../../../shared/briefing/format';
import type { MessageKey } from '../../../../shared/i18n';
import { useI18n } from '../../i18n/I18nProvider';

/**
 * The shift's dispatch intervals: the same small SVG chart the printed hand-off brief uses
 * (built by a pure, escaping renderer), and a table with the numbers for screen readers.
 */
export function MetricsView({ metrics }: { metrics: ShiftMetrics }) {
  const { t, locale } = useI18n();
  const svg = useMemo(() => renderMetricsChartSvg(metrics, locale), [metrics, locale]);
  const measured = metrics.intervals.some((i) => i.count > 0);
  const ms = (v: number | null) => (v === null ? '—' : formatDuration(v));
  return (
    <div data-testid="shift-metrics">
      <p className="muted">{t('metrics.heading')}</p>
      {!measured && <p>{t('metrics.none')}</p>}
      <div
        className="metrics-chart-box"
        aria-hidden="true"
        dangerouslySetInnerHTML={{ __html: svg }}
      />
      <table className="metrics-table">
        <thead>
          <tr>
            <th scope="col">{t('metrics.interval')}</th>
            <th scope="col">{t('metrics.count')}</th>
            <th scope="col">{t('metrics.p50')}</th>
            <th scope="col">{t('metrics.p90')}</th>
            <th scope="col">{t('metrics.within')}</th>
          </tr>
        </thead>
        <tbody>
          {metrics.intervals.map((row) => (
            <tr key={row.kind} data-kind={row.kind} data-count={row.count}>
              <th scope="row">{t(`metrics.kind.${row.kind}` as MessageKey)}</th>
              <td>{row.count}</td>
              <td>{ms(row.p50Ms)}</td>
              <td>{ms(row.p90Ms)}</td>
              <td>{row.withinTarget === null ? '—' : `${Math.round(row.withinTarget * 100)}%`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
