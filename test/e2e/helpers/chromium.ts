import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { type Browser, chromium } from 'playwright-core';

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'];

/** The system Chromium the browser tests drive, or null when none is installed (the suite is skipped). */
export function findChromium(): string | null {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  for (const name of CANDIDATES) {
    try {
      const found = execFileSync('which', [name], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
      if (found) return found;
    } catch {
      // not on PATH: try the next name
    }
  }
  return null;
}

export const CHROMIUM = findChromium();

export async function launchChromium(): Promise<Browser> {
  if (!CHROMIUM) throw new Error('no Chromium binary found');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}
