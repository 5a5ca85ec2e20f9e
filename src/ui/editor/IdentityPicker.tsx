// "Who is kubectl?": the identity sent with Apply and Delete.
import { IDENTITIES, identityById } from './identities';

export function IdentityPicker({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const groups = identityById(value).groups;
  return (
    <label className="identity" title={`groups: ${[...groups, 'system:authenticated'].join(', ')}`}>
      <span className="identity-as">as</span>
      <select aria-label="kubectl user" value={value} onChange={(e) => onChange(e.target.value)}>
        {IDENTITIES.map((i) => (
          <option key={i.id} value={i.id}>{i.label}</option>
        ))}
      </select>
    </label>
  );
}
