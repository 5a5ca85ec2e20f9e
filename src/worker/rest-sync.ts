// src/rest linked statically, for hosts in Node (npm run serve, tests): no wait before a request.
import * as mod from './rest-module';
import type { RestLink } from './rest-link';

export function syncRest(): RestLink {
  return { ready: mod, load: () => Promise.resolve(mod) };
}
