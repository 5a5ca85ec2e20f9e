// Locale selection. Only English ships today; a zh-CN catalogue is another `Catalogue` with the same keys.
import { en } from './en';
import type { Catalogue } from './types';

export const catalogues: Record<string, Catalogue> = { en };

export function catalogueFor(locale: string): Catalogue {
  return catalogues[locale] ?? catalogues[locale.split('-')[0]] ?? en;
}

/** The UI's catalogue, from the page's language (index.html says en); a language switch would
 * put the locale in the store. */
export function useCatalogue(): Catalogue {
  return catalogueFor(document.documentElement.lang || 'en');
}

export { narrate } from './narrate';
export type { Catalogue } from './types';
