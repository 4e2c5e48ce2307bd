// One i18next instance, both catalogues bundled (they are small, and switching is instant).
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { type Language, preferredLanguage, storeLanguage } from './language';
import { zhCN } from './zh-CN';

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
  lng: preferredLanguage(),
  fallbackLng: 'en',
  supportedLngs: ['en', 'zh-CN'],
  // React renders interpolated values as text; escaping them again would show entities.
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});

function reflectLanguage(language: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}
reflectLanguage(i18n.language);
i18n.on('languageChanged', reflectLanguage);

export async function changeLanguage(language: Language): Promise<void> {
  storeLanguage(language);
  await i18n.changeLanguage(language);
}
