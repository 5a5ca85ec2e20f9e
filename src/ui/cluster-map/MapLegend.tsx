// What the map's colours mean: pod cells by STATUS, with how many pods each has now; the two
// request bars; a cordoned node's stripes.
import { useT } from '../../i18n/react';
import { useUiState } from '../store/context';
import { BAR, POD_BUCKETS, POD_FILL } from './palette';
import { selectBucketCounts } from './tally';

export function MapLegend() {
  const t = useT();
  const counts = useUiState(selectBucketCounts).split(',').map(Number);
  return (
    <ul className="map-legend" aria-label={t('map.legend')}>
      {POD_BUCKETS.map((b, i) => (
        <li key={b}><span className="map-swatch" style={{ background: POD_FILL[b] }} aria-hidden="true" />{t(`map.pod.${b}`)} <span className="map-count">{t('map.count', { count: counts[i] })}</span></li>
      ))}
      <li><span className="map-swatch is-bar" style={{ background: BAR.cpu }} aria-hidden="true" />{t('map.cpuBar')}</li>
      <li><span className="map-swatch is-bar" style={{ background: BAR.memory }} aria-hidden="true" />{t('map.memoryBar')}</li>
      <li><span className="map-swatch is-cordoned" aria-hidden="true" />SchedulingDisabled</li>
    </ul>
  );
}
