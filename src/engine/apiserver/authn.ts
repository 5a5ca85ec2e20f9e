// Authentication: turns the presented credential (client certificate CN/O, token) into a
// user.Info. Every authenticated user gets system:authenticated
// (apiserver/pkg/authentication/request/union + group adder).
import type { Credential } from '../api/wire';

export interface UserInfo {
  username: string;
  groups: string[];
}

export function authenticate(c: Credential): UserInfo | undefined {
  if (!c || !c.user) return undefined;
  const groups = [...(c.groups ?? [])];
  if (c.user.startsWith('system:serviceaccount:')) {
    const ns = c.user.split(':')[2];
    for (const g of ['system:serviceaccounts', `system:serviceaccounts:${ns}`]) if (!groups.includes(g)) groups.push(g);
  }
  if (!groups.includes('system:authenticated')) groups.push('system:authenticated');
  return { username: c.user, groups };
}
