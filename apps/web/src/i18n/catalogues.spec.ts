import { en } from './en';
import { preferredLanguage } from './language';
import { zhCN } from './zh-CN';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string'
      ? [[`${prefix}${key}`, value] as [string, string]]
      : leaves(value, `${prefix}${key}.`),
  );
}
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('the catalogues', () => {
  const english = new Map(leaves(en as unknown as Tree));
  const chinese = new Map(leaves(zhCN as unknown as Tree));

  it('have the same keys, none empty', () => {
    expect([...chinese.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [key, text] of [...english, ...chinese])
      expect([key, text.trim().length > 0]).toEqual([key, true]);
  });

  it('fill in the same values in both languages', () => {
    for (const [key, text] of english)
      expect([key, placeholders(chinese.get(key) ?? '')]).toEqual([key, placeholders(text)]);
  });

  it('speak Simplified Chinese to a Chinese browser, English otherwise, and remember the choice', () => {
    expect(preferredLanguage(null, ['zh-CN', 'en'])).toBe('zh-CN');
    expect(preferredLanguage(null, ['zh-TW'])).toBe('zh-CN');
    expect(preferredLanguage(null, ['fr-FR', 'en-GB'])).toBe('en');
    expect(preferredLanguage(null, ['de'])).toBe('en');
    expect(preferredLanguage('zh-CN', ['en'])).toBe('zh-CN');
    expect(preferredLanguage('klingon', ['zh-CN'])).toBe('zh-CN');
  });
});
