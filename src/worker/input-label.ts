// What a timeline mark says about a user input: kubectl's words where it has them.
import type { Input } from '../protocol/messages';

export function inputLabel(i: Input): string {
  switch (i.type) {
    case 'apply':
      return `kubectl apply ${i.object.kind.toLowerCase()}/${i.object.metadata.name ?? i.object.metadata.generateName ?? ''}${i.as?.user ? ` --as=${i.as.user}` : ''}`;
    case 'delete':
      return `kubectl delete ${i.ref.kind.toLowerCase()}/${i.ref.name}${i.opts?.cascade ? ` --cascade=${i.opts.cascade}` : ''}${i.opts?.gracePeriodSeconds !== undefined ? ` --grace-period=${i.opts.gracePeriodSeconds}` : ''}`;
    case 'debug':
      return `kubectl debug ${i.ref.name} --image=${i.opts.image}`;
    case 'request': {
      // a raw request from the real kubectl (src/server): the verb and the resource it named
      const r = i.request;
      const target = `${r.subresource ? `${r.resource}/${r.subresource}` : r.resource}${r.name ?? r.body?.metadata?.name ? `/${r.name ?? r.body?.metadata?.name}` : ''}`;
      return `kubectl (${r.verb}) ${target}${r.namespace ? ` -n ${r.namespace}` : ''}${i.as?.user ? ` --as=${i.as.user}` : ''}`;
    }
    case 'inject':
      return `${i.fault.type} ${i.fault.target}`;
  }
}
