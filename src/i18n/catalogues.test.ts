// The catalogues are complete and every message parses as ICU in its locale.
import { describe, expect, it } from 'vitest';
import { IntlMessageFormat } from 'intl-messageformat';
import { catalogues, LOCALES, translator } from './index';

describe('catalogues', () => {
  it('every locale has every English key, and no key English lacks', () => {
    for (const locale of LOCALES) {
      for (const ns of Object.keys(catalogues.en) as Array<keyof typeof catalogues.en>) {
        expect(Object.keys(catalogues[locale][ns]).sort(), `${locale}/${ns}`).toEqual(Object.keys(catalogues.en[ns]).sort());
      }
    }
  });

  it('every message is valid ICU MessageFormat', () => {
    for (const locale of LOCALES) {
      for (const [ns, messages] of Object.entries(catalogues[locale])) {
        for (const [key, msg] of Object.entries(messages as Record<string, string>)) {
          expect(() => new IntlMessageFormat(msg, locale), `${locale}/${ns}/${key}`).not.toThrow();
        }
      }
    }
  });

  it('formats in each locale', () => {
    expect(translator('en')('language.label')).toBe('Language');
    expect(translator('zh-CN')('language.label')).toBe('语言');
  });
});
