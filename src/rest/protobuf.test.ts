import { describe, expect, it } from 'vitest';
import { decodeProtobuf } from './protobuf';

// what kubectl 1.32 `create deployment web --image=nginx:1.27 --replicas=2 --port=80` POSTs
const CREATE_DEPLOYMENT =
  '6b3873000a150a07617070732f7631120a4465706c6f796d656e7412bd010a1f0a0377656212001a0022002a003200380042005a0a0a036170701203776562128b010802120c0a0a0a0361707012037765621a710a1c0a0012001a0022002a003200380042005a0a0a036170701203776562125112330a056e67696e78120a6e67696e783a312e32372a00320a0a001000185022002a0042006a007200800100880100900100a201001a00320042004a0052005800600068008201008a01009a0100c2010022020a00280038001a0c0800100018002000280038001a002200';

// what `kubectl create job j --image=busybox:1.36 -- echo hi` POSTs
const CREATE_JOB =
  '6b3873000a0f0a0862617463682f763112034a6f621287010a110a016a12001a0022002a00320038004200126832660a100a0012001a0022002a003200380042001252122f0a016a120c62757379626f783a312e33361a046563686f1a0268692a0042006a007200800100880100900100a201001a054e65766572320042004a0052005800600068008201008a01009a0100c201001a082000280030003a001a002200';

const hex = (s: string) => new Uint8Array(s.match(/../g)!.map((b) => parseInt(b, 16)));

describe('protobuf bodies', () => {
  it('decodes kubectl create deployment', () => {
    expect(decodeProtobuf(hex(CREATE_DEPLOYMENT))).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', labels: { app: 'web' } },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }], resources: {} }] } } },
    });
  });
  it('decodes kubectl create job', () => {
    expect(decodeProtobuf(hex(CREATE_JOB))).toEqual({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'j' },
      spec: { template: { spec: { containers: [{ name: 'j', image: 'busybox:1.36', command: ['echo', 'hi'], resources: {} }], restartPolicy: 'Never' } } },
    });
  });
  it('refuses a body without the k8s magic', () => {
    expect(() => decodeProtobuf(hex('7b7d'))).toThrow(/does not appear to be a protobuf message/);
  });
});
