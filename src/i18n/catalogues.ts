// The message catalogues are data: one JSON file per namespace and locale (ICU MessageFormat, so
// plurals, selects and numbers are in the message, not in code). English is the source; every other
// locale must have every English key, which catalogues.test-d.ts checks at compile time. Only English
// is bundled with the page; another locale is a chunk loaded by loadLocale before the UI switches.
import type { NarrationKey } from '../protocol/messages';
import enNarration from './locales/en/narration.json';
import enTerms from './locales/en/narration-terms.json';
import enUi from './locales/en/ui.json';
import enWalkthroughs from './locales/en/walkthroughs.json';

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** namespace → English messages (the source of the key types) */
export const en = { ui: enUi, walkthroughs: enWalkthroughs, narration: enNarration, 'narration-terms': enTerms } as const;

/** Every narration key the engine can emit has an English message (so, by Catalogue, a Chinese one):
 * a key the engine adds without a message is a compile error here. */
export const narrationCheck: Record<NarrationKey, string> = enNarration;

export type Namespace = keyof typeof en;
export type MessageKey<N extends Namespace = 'ui'> = keyof (typeof en)[N] & string;

/** Every locale's catalogue has exactly the English keys (a missing one is a compile error). */
export type Catalogue = { [N in Namespace]: Record<MessageKey<N>, string> };

const loaded: Partial<Record<Locale, Catalogue>> = { en };
const loading = new Map<Locale, Promise<void>>();
const loaders: Record<Exclude<Locale, 'en'>, () => Promise<Catalogue>> = {
  'zh-CN': () => import('./locale-zh-CN').then((m) => m.zhCN),
};

/** locale → its messages; a locale not loaded yet reads as English (the UI switches only once loaded). */
export const catalogues: Readonly<Record<Locale, Catalogue>> = Object.defineProperties({} as Record<Locale, Catalogue>, Object.fromEntries(
  LOCALES.map((l) => [l, { enumerable: true, get: () => loaded[l] ?? en }]),
));

export function isLocaleLoaded(locale: Locale): boolean {
  return loaded[locale] !== undefined;
}

/** Fetch a locale's catalogue (once); `onLoaded` hooks (the i18next instances) hear of it. */
export function loadLocale(locale: Locale): Promise<void> {
  if (locale === 'en' || loaded[locale]) return Promise.resolve();
  let p = loading.get(locale);
  if (!p) {
    p = loaders[locale]().then(
      (c) => {
        loaded[locale] = c;
        for (const f of onLoadedHooks) f(locale);
      },
      (err: unknown) => {
        loading.delete(locale); // a later switch tries again
        throw err;
      },
    );
    loading.set(locale, p);
  }
  return p;
}

const onLoadedHooks: Array<(locale: Locale) => void> = [];
export function onLocaleLoaded(f: (locale: Locale) => void): void {
  onLoadedHooks.push(f);
}

export function isLocale(x: unknown): x is Locale {
  return typeof x === 'string' && (LOCALES as readonly string[]).includes(x);
}
