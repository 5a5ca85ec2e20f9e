// src/server/kubectl.test.ts drives the real kubectl (Debian's package, 1.32 here: see STACK.md).
// Install it with apt-get when it is missing; print what is used. Not fatal: without kubectl the
// test skips itself with a note.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const KUBECTL = '/usr/bin/kubectl';
if (!existsSync(KUBECTL)) {
  console.log('kubectl not found: installing Debian\'s kubectl package…');
  const sudo = process.getuid && process.getuid() !== 0 ? 'sudo ' : '';
  try {
    execSync(`${sudo}apt-get update -qq && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq kubectl`, { stdio: 'inherit' });
  } catch {
    console.warn('apt-get install kubectl failed: the real-kubectl test will be skipped');
  }
}
if (existsSync(KUBECTL)) console.log(`Using ${KUBECTL}`);
