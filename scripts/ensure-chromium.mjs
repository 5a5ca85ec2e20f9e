// The end-to-end tests drive Debian's Chromium (never a downloaded browser: see STACK.md).
// Install it with apt-get when it is missing; print what is used.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  console.log('Chromium not found: installing Debian\'s chromium package (about a minute)…');
  const sudo = process.getuid && process.getuid() !== 0 ? 'sudo ' : '';
  execSync(`${sudo}apt-get update -qq && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium`, { stdio: 'inherit' });
}
if (!existsSync(CHROMIUM)) {
  console.error(`${CHROMIUM} is still missing after apt-get install chromium`);
  process.exit(1);
}
// a font with Chinese glyphs, for the app in 中文 (e2e/i18n.spec.ts screenshots): Debian's smallest
const CJK_FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
if (!existsSync(CJK_FONT)) {
  console.log('No Chinese font: installing Debian\'s fonts-wqy-microhei…');
  const sudo = process.getuid && process.getuid() !== 0 ? 'sudo ' : '';
  execSync(`${sudo}apt-get update -qq && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-microhei`, { stdio: 'inherit' });
}
console.log(`Using ${CHROMIUM}`);
