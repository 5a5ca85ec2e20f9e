// What the map's colours mean: pod cells by STATUS, the two request bars, a cordoned node's stripes.
import { useT } from '../../i18n/react';
import { BAR, POD_BUCKETS, POD_FILL } from './palette';

export function MapLegend() {
  const t = useT();
  return (
    <ul className="map-legend" aria-label={t('map.legend')}>
      {POD_BUCKETS.map((b) => (
        <li key={b}><span className="map-swatch" style={{ background: POD_FILL[b] }} aria-hidden="true" />{t(`map.pod.${b}`)}</li>
      ))}
      <li><span className="map-swatch is-bar" style={{ background: BAR.cpu }} aria-hidden="true" />{t('map.cpuBar')}</li>
      <li><span className="map-swatch is-bar" style={{ background: BAR.memory }} aria-hidden="true" />{t('map.memoryBar')}</li>
      <li><span className="map-swatch is-cordoned" aria-hidden="true" />SchedulingDisabled</li>
    </ul>
  );
}
