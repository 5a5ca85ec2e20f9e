export { initialEtcd, playEtcd, etcdMemberIds, type EtcdFold } from '../worker/etcd';
