// "Who is kubectl?": the identity sent with Apply and Delete.
import { useT } from '../../i18n/react';
import { IDENTITIES, identityById } from './identities';

export function IdentityPicker({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const groups = identityById(value).groups;
  const t = useT();
  return (
    <label className="identity" title={t('editor.groups', { groups: [...groups, 'system:authenticated'].join(', ') })}>
      <span className="identity-as">{t('editor.as')}</span>
      <select aria-label={t('editor.user')} value={value} onChange={(e) => onChange(e.target.value)}>
        {IDENTITIES.map((i) => (
          <option key={i.id} value={i.id}>{i.label}</option>
        ))}
      </select>
    </label>
  );
}
