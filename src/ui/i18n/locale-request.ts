// A language switch waits for that locale's catalogue (a lazy chunk, see src/i18n/catalogues.ts):
// the UI changes language once, whole, rather than showing English keys for a moment.
import { isLocaleLoaded, loadLocale, type Locale } from '../../i18n';

let wanted: Locale | null = null;
let pending: Promise<void> = Promise.resolve();

/** Call `apply(locale)` when its catalogue is there: at once if loaded; after a quicker second
 * switch, only the last one wins. A failed load keeps the current language. */
export function requestLocale(locale: Locale, apply: (locale: Locale) => void): void {
  wanted = locale;
  if (isLocaleLoaded(locale)) return apply(locale);
  pending = loadLocale(locale).then(
    () => {
      if (wanted === locale) apply(locale);
    },
    (err: unknown) => console.warn(`the ${locale} messages could not be loaded:`, err),
  );
}

/** Settles when the last requested locale is applied (or failed): main.tsx renders after it, so a
 * saved Chinese session does not open in English first. */
export function localeSettled(): Promise<void> {
  return pending;
}
