// What the token colours mean (diagram corner).
const ITEMS: Array<[string, string]> = [
  ['apiserver', 'API request'],
  ['etcd', 'etcd'],
  ['watch', 'watch'],
  ['scheduler', 'scheduler'],
  ['kubelet', 'kubelet'],
  ['cri', 'container runtime'],
  ['failed', 'failure'],
];

export function Legend() {
  return (
    <ul className="legend" aria-label="Token colours">
      {ITEMS.map(([tone, label]) => (
        <li key={tone}>
          <span className={`legend-dot is-${tone}`} aria-hidden="true" />
          {label}
        </li>
      ))}
    </ul>
  );
}
