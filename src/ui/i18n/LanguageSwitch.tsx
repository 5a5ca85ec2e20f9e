// The Language switch in the header: the locale lives in the store (saved with the settings by
// run-session.ts), and <html lang> follows it so screen readers and fonts pick the right language.
import { useEffect } from 'react';
import { isLocale, LOCALES } from '../../i18n';
import { useT } from '../../i18n/react';
import { useUiState } from '../store/context';
import './i18n.css';

export function LanguageSwitch() {
  const locale = useUiState((s) => s.locale);
  const setLocale = useUiState((s) => s.setLocale);
  const t = useT();
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return (
    <label className="field language-switch">
      <span className="language-label">{t('language.label')}</span>
      <select
        value={locale}
        onChange={(ev) => {
          if (isLocale(ev.target.value)) setLocale(ev.target.value);
        }}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {t(`language.${l}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
