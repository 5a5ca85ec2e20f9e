// Narration in the store's locale: narrate(e, locale) with the catalogues in src/i18n.
import { useUiState } from '../store/context';
import type { Locale } from '../../i18n';

/** The UI's locale (the store's, set by the Language switch). */
export function useLocale(): Locale {
  return useUiState((s) => s.locale);
}

export { narrate, spaceCjk } from './narrate';
export { narrationParams } from './narration-params';
