// host-local IPAM as the bridge CNI plugin uses it (containernetworking/plugins
// plugins/ipam/host-local/backend/allocator): .1 is the bridge gateway, addresses are handed out
// round-robin after the last reserved one, and released on CNI DEL.

export interface IpamState {
  /** first address of the range as an integer */
  baseInt: number;
  size: number;
  /** offset of the last reserved address */
  lastReserved: number;
  /** offset → sandbox id */
  used: Record<number, string>;
}

function ipToInt(ip: string): number {
  return ip.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
}

function intToIp(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

export function newIpam(podCIDR: string): IpamState {
  const [addr, bits] = podCIDR.split('/');
  const size = 2 ** (32 - Number(bits ?? 24));
  const baseInt = ipToInt(addr) - (ipToInt(addr) % size);
  return { baseInt, size, lastReserved: 1, used: {} };
}

/** Allocate the next free address after the last reserved one (skipping network, gateway, broadcast). */
export function allocateIp(s: IpamState, sandboxId: string): string | undefined {
  const first = 2;
  const last = s.size - 2;
  for (let i = 0, off = s.lastReserved; i <= last - first; i++) {
    off = off >= last ? first : off + 1;
    if (s.used[off] === undefined) {
      s.used[off] = sandboxId;
      s.lastReserved = off;
      return intToIp(s.baseInt + off);
    }
  }
  return undefined;
}

export function releaseIp(s: IpamState, ip: string): void {
  delete s.used[ipToInt(ip) - s.baseInt];
}
