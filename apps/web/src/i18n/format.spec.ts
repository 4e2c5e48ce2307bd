import { createFormatter, formatLocale } from './format';

describe('dates and numbers in the browser’s variant of the language shown', () => {
  it('writes English the British way for a British browser, and Chinese as chosen', () => {
    expect(formatLocale('en', ['en-GB', 'en'])).toBe('en-GB');
    expect(formatLocale('en', ['de-DE', 'en-US'])).toBe('en-US');
    expect(formatLocale('en', ['fr-FR'])).toBe('en');
    expect(formatLocale('zh-CN', ['zh-TW'])).toBe('zh-CN');
    expect(formatLocale('zh-CN', ['zh-CN', 'en-GB'])).toBe('zh-CN');
  });

  it('formats a moment as that locale writes it', () => {
    const at = '2026-12-01T14:05:00Z';
    const british = createFormatter('en-GB').dateTime(at);
    expect(british).toBe(
      new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(Date.parse(at)),
    );
    expect(british).toMatch(/^1 Dec 2026/);
  });
});
