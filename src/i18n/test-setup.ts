// Vitest: every locale loaded before the tests (the app loads a non-English one on demand), so
// tests read and switch catalogues synchronously.
import { LOCALES, loadLocale } from './catalogues';

await Promise.all(LOCALES.map((l) => loadLocale(l)));
