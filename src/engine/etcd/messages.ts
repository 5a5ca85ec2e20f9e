// What crosses the wire between kube-apiserver (the etcd client) and an etcd member: the KV
// Txn/Range and Watch RPCs of etcdserverpb, reduced, plus the error strings etcd returns.
import type { Msg, ObjectRef } from '../kernel/types';
import type { Compare, KeyValue, MvccEvent, TxnOp } from './mvcc';

export interface EtcdTxnMsg extends Msg {
  type: 'ETCD_TXN';
  txnId: number;
  compares: Compare[];
  ops: TxnOp[];
  /** for the trace only: the decoded object being written and who it is */
  object?: ObjectRef;
  value?: unknown;
  ambient?: boolean;
  /** visualisation only: fold the Raft replication steps of this write into background pulses */
  quietRaft?: boolean;
  /**
   * The Compact RPC instead of a txn (compares and ops empty): like etcd's it goes through Raft
   * (v3_server.go Compact → raftRequestOnce) so every member forgets the same history.
   */
  compact?: number;
}

export interface EtcdTxnResult extends Msg {
  type: 'ETCD_TXN_RESULT';
  txnId: number;
  succeeded: boolean;
  revision: number;
  current?: KeyValue;
  /** the gRPC error text when the request failed (see ERR_*) */
  error?: string;
}

export interface EtcdRangeMsg extends Msg {
  type: 'ETCD_RANGE';
  txnId: number;
  key: string;
  prefix?: boolean;
  /** read at this past revision (RangeRequest.revision); 0 or absent: the latest */
  revision?: number;
  ambient?: boolean;
}

export interface EtcdRangeResult extends Msg {
  type: 'ETCD_RANGE_RESULT';
  txnId: number;
  kvs: KeyValue[];
  revision: number;
  error?: string;
}

export interface EtcdWatchEvents extends Msg {
  type: 'ETCD_WATCH_EVENTS';
  events: MvccEvent[];
  revision: number;
  compacted?: boolean;
}

/** server/etcdserver/errors/errors.go */
export const ERR_TIMEOUT = 'etcdserver: request timed out';
export const ERR_TIMEOUT_LEADER_FAIL = 'etcdserver: request timed out, possibly due to previous leader failure';
export const ERR_TIMEOUT_CONN_LOST = 'etcdserver: request timed out, possibly due to connection lost';
/**
 * A proposal made while the member knows no leader never enters raft (raft node.go sets propc
 * to nil without a leader) and ends with the server's context deadline, which gRPC returns as is.
 */
export const ERR_DEADLINE = 'rpc error: code = DeadlineExceeded desc = context deadline exceeded';

/** server/config/config.go ReqTimeout: 5 s + 2 × election timeout (1000 ms). */
export const REQUEST_TIMEOUT_MS = 5_000 + 2 * 1_000;
/** one-way latency between kube-apiserver and an etcd member, virtual ms */
export const CLIENT_LATENCY_MS = 1;
