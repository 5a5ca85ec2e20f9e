// The Chinese catalogue as its own chunk: loaded when the user picks 中文 (or a saved run did),
// so the English page does not download it. The type checks that it has every English key.
import type { Catalogue } from './catalogues';
import zhNarration from './locales/zh-CN/narration.json';
import zhTerms from './locales/zh-CN/narration-terms.json';
import zhUi from './locales/zh-CN/ui.json';
import zhWalkthroughs from './locales/zh-CN/walkthroughs.json';

export const zhCN: Catalogue = { ui: zhUi, walkthroughs: zhWalkthroughs, narration: zhNarration, 'narration-terms': zhTerms };
