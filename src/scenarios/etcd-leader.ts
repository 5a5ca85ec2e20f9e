// Walkthrough 12 — The etcd leader dies: the followers stop hearing heartbeats, one times out and
// calls an election (pre-vote, then a vote in a new term), wins a majority of the members and
// leads; the API server fails over to a live member, and a write goes through the new leader,
// committed by 2 of 3 members. The cluster carries on.
import { NGINX_POD, NGINX_POD_YAML } from './manifests';
import type { Walkthrough } from './types';

const LEADER = 'etcd-0';
const ETCD = { components: ['etcd'], view: 'etcd' };

export const etcdLeader: Walkthrough = {
  id: 'etcd-leader',
  title: 'etcdLeader.title',
  seed: 1,
  nodes: 3,
  setup: [],
  manifest: NGINX_POD_YAML,
  steps: [
    {
      match: { type: 'etcd.stop', params: { member: LEADER } },
      narration: 'etcdLeader.stop', notice: 'etcdLeader.stop.notice',
      highlight: { components: ['etcd'], view: 'etcd' },
      action: { label: 'stopLeader', input: { type: 'inject', fault: { type: 'etcd.stop', target: LEADER } } },
    },
    {
      match: { type: 'apiserver.request', from: 'kubectl', object: 'Pod/nginx', params: { verb: 'get' } },
      narration: 'etcdLeader.get', notice: 'etcdLeader.get.notice',
      highlight: { components: ['kubectl', 'kube-apiserver'] },
      action: { label: 'apply', input: { type: 'apply', object: NGINX_POD } },
    },
    { match: { type: 'raft.election_timeout' }, narration: 'etcdLeader.timeout', notice: 'etcdLeader.timeout.notice', highlight: ETCD },
    { match: { type: 'raft.pre_vote' }, narration: 'etcdLeader.preVote', notice: 'etcdLeader.preVote.notice', highlight: ETCD },
    { match: { type: 'apiserver.etcd_failover' }, narration: 'etcdLeader.failover', notice: 'etcdLeader.failover.notice', highlight: { components: ['kube-apiserver', 'etcd'] } },
    { match: { type: 'raft.election_timeout' }, narration: 'etcdLeader.timeout2', notice: 'etcdLeader.timeout2.notice', highlight: ETCD },
    { match: { type: 'raft.pre_vote', params: { granted: true } }, narration: 'etcdLeader.preVoteGranted', notice: 'etcdLeader.preVoteGranted.notice', highlight: ETCD },
    { match: { type: 'raft.vote_request' }, narration: 'etcdLeader.voteRequest', notice: 'etcdLeader.voteRequest.notice', highlight: ETCD },
    { match: { type: 'raft.leader' }, narration: 'etcdLeader.leader', notice: 'etcdLeader.leader.notice', highlight: ETCD },
    { match: { type: 'raft.commit' }, narration: 'etcdLeader.firstCommit', notice: 'etcdLeader.firstCommit.notice', highlight: ETCD },
    { match: { type: 'apiserver.response', to: 'kubectl', object: 'Pod/nginx', params: { verb: 'get' } }, narration: 'etcdLeader.answer', notice: 'etcdLeader.answer.notice', highlight: { components: ['kubectl', 'kube-apiserver'] } },
    { match: { type: 'raft.propose', object: 'Pod/nginx' }, narration: 'etcdLeader.propose', notice: 'etcdLeader.propose.notice', highlight: ETCD },
    { match: { type: 'raft.commit' }, narration: 'etcdLeader.commit', notice: 'etcdLeader.commit.notice', highlight: ETCD },
    { match: { type: 'apiserver.response', to: 'kubectl', object: 'Pod/nginx', params: { verb: 'create' } }, narration: 'etcdLeader.created', notice: 'etcdLeader.created.notice', highlight: { components: ['kubectl', 'kube-apiserver'] } },
    { match: { type: 'cri.container_started', object: 'Pod/nginx' }, narration: 'etcdLeader.running', notice: 'etcdLeader.running.notice', highlight: { pod: 'nginx' } },
    { match: { type: 'etcd.put', object: 'Pod/nginx' }, narration: 'etcdLeader.status', notice: 'etcdLeader.status.notice', derive: 'columns', highlight: { components: ['etcd'], pod: 'nginx' } },
  ],
};
