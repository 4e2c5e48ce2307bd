import type { Browser } from 'playwright-core';
import { ensureDebianProgram } from './debian-packages';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Debian's Chromium, installed with apt-get when missing (never a browser download). */
export function ensureChromium(): string {
  return ensureDebianProgram(CHROMIUM_PATH, 'chromium');
}

/** Headless Chromium driven by playwright-core, with the flags this machine needs. */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: ensureChromium(),
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}
