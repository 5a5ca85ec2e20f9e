// i18n runtime (DESIGN.md src/i18n): i18next with ICU messages over the JSON catalogues. Pure: no
// React and no DOM, so the worker, tests and tools can format messages too; React binds in react.ts.
import i18next, { type i18n } from 'i18next';
import ICU from 'i18next-icu';
import { catalogues, DEFAULT_LOCALE, isLocaleLoaded, onLocaleLoaded, type Locale, type MessageKey, type Namespace } from './catalogues';

export { LOCALES, DEFAULT_LOCALE, isLocale, catalogues, isLocaleLoaded, loadLocale } from './catalogues';
export type { Locale, MessageKey, Namespace, Catalogue } from './catalogues';

export type Params = Record<string, string | number | boolean | Date | null | undefined>;

const instances = new Map<Locale, i18n>();
// an instance made before its locale was loaded holds English: the next call makes a new one
onLocaleLoaded((locale) => instances.delete(locale));

/** One initialised i18next per locale (synchronous: the resources are bundled). */
export function i18nFor(locale: Locale): i18n {
  let inst = instances.get(locale);
  if (inst) return inst;
  inst = i18next.createInstance();
  void inst.use(ICU).init({
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    resources: { [DEFAULT_LOCALE]: catalogues[DEFAULT_LOCALE], ...(isLocaleLoaded(locale) ? { [locale]: catalogues[locale] } : {}) } as unknown as Record<string, Record<string, Record<string, string>>>,
    ns: Object.keys(catalogues.en),
    defaultNS: 'ui',
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  instances.set(locale, inst);
  return inst;
}

/** A translate function for one locale and namespace: t('language.label'), t('pods.count', {count: 3}). */
export function translator<N extends Namespace = 'ui'>(locale: Locale, ns?: N): (key: MessageKey<N>, params?: Params) => string {
  const inst = i18nFor(locale);
  // i18next's own key typing is not used: MessageKey (from the JSON) is the type that matters here
  const fixed = inst.getFixedT(locale, ns ?? 'ui') as unknown as (key: string, params?: Params) => string;
  return (key, params) => fixed(key, params);
}
