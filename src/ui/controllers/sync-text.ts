// What a controller sync compared and did, in the reader's language. The engine records each sync's
// `desired`, `actual` and `action` as short English phrases built in code ("create 3 pod(s)",
// "scale web-5f7c9 0→3; update status"); this module reads them back into catalogue keys + params
// (ui.json `ctl.do.*` and `ctl.state.*`), so the engine stays as it is and the UI speaks the locale.
// A phrase no rule knows is shown as the engine wrote it. Pure: tested without React.
import { translator, type Locale, type MessageKey, type Params } from '../../i18n';
import type { SyncView } from '../../folds/controllers';

export type Translate = (key: MessageKey, params?: Params) => string;

type Rule = [RegExp, MessageKey, (m: RegExpMatchArray) => Params];

/** object names (and lists of them) as the engine writes them: no spaces */
const NAME = String.raw`[\w.:/-]+`;
const NAMES = String.raw`${NAME}(?:, ?${NAME})*`;
const re = (s: string) => new RegExp(`^${s}$`);
const none = () => ({});
const count = (m: RegExpMatchArray) => ({ count: Number(m[1]) });
const name = (m: RegExpMatchArray) => ({ name: m[1] });

/** One action phrase each (the engine joins several with "; " or ", "). Order matters: specific first. */
const ACTIONS: Rule[] = [
  [re('none'), 'ctl.do.none', none],
  [re('none \\((EndpointSlice|endpoints) informer cache is out of date\\)'), 'ctl.do.staleCache', (m) => ({ cache: m[1] })],
  [re('error'), 'ctl.do.error', none],
  [re('act'), 'ctl.do.act', none],
  [re('update status'), 'ctl.do.updateStatus', none],
  [re('update ResourceQuota status'), 'ctl.do.updateKindStatus', () => ({ kind: 'ResourceQuota' })],
  [re('update PodDisruptionBudget status'), 'ctl.do.updateKindStatus', () => ({ kind: 'PodDisruptionBudget' })],
  [re(`create (\\d+) pod\\(s\\) on (${NAMES})`), 'ctl.do.createPodsOn', (m) => ({ count: Number(m[1]), nodes: m[2] })],
  [re('create (\\d+) pod\\(s\\)'), 'ctl.do.createPods', count],
  [re('delete (\\d+) active pod\\(s\\)'), 'ctl.do.deleteActivePods', count],
  [re('delete (\\d+) pod\\(s\\) \\((suspended|too many)\\)'), 'ctl.do.deletePodsWhy', (m) => ({ count: Number(m[1]), why: m[2] === 'suspended' ? 'suspended' : 'tooMany' })],
  [re('delete (\\d+) pod\\(s\\)'), 'ctl.do.deletePods', count],
  [re('rolling update: delete (\\d+) old pod\\(s\\)'), 'ctl.do.rollingDelete', count],
  [re('claim (\\d+) pod\\(s\\)'), 'ctl.do.claimPods', count],
  [re('claim (\\d+) replica set\\(s\\)'), 'ctl.do.claimReplicaSets', count],
  [re(`mark (\\d+) pod\\(s\\) on (${NAME}) NotReady`), 'ctl.do.markPodsNotReady', (m) => ({ count: Number(m[1]), node: m[2] })],
  [re('mark pod NotReady'), 'ctl.do.markPodNotReady', none],
  [re(`(${NAME}) Ready=(True|False|Unknown|undefined)`), 'ctl.do.nodeReady', (m) => ({ node: m[1], status: m[2] })],
  [re('update taints'), 'ctl.do.updateTaints', none],
  [re('update NoSchedule taints'), 'ctl.do.updateNoSchedule', none],
  [re(`taint (${NAMES}) NoExecute`), 'ctl.do.taintNoExecute', (m) => ({ nodes: m[1] })],
  [re('(schedule|cancel) evictions'), 'ctl.do.evictions', (m) => ({ verb: m[1] })],
  [re('evict pod'), 'ctl.do.evictPod', none],
  [re(`scale (${NAME}) (\\d+)→(\\d+)`), 'ctl.do.scale', (m) => ({ name: m[1], from: m[2], to: m[3] })],
  [re(`annotate (${NAME})`), 'ctl.do.annotate', name],
  [re(`sync revision of (${NAME})`), 'ctl.do.syncRevision', name],
  [re(`delete Pod (${NAME}) for update`), 'ctl.do.deletePodForUpdate', name],
  [re(`wait for Pod (${NAME}) to be Running and Ready`), 'ctl.do.waitRunningReady', name],
  [re(`wait for Pod (${NAME}) to terminate`), 'ctl.do.waitTerminate', name],
  [re(`wait: pvc (${NAME}) is being deleted`), 'ctl.do.waitPvcDeleted', name],
  [re('wait pod failure back-off (\\S+)'), 'ctl.do.waitBackoff', (m) => ({ time: m[1] })],
  [re('wait for a volume'), 'ctl.do.waitVolume', none],
  [re(`provision a volume with (${NAME})`), 'ctl.do.provision', (m) => ({ provisioner: m[1] })],
  [re(`bind to (${NAME})`), 'ctl.do.bindTo', name],
  [re('mark claim Lost'), 'ctl.do.markClaimLost', none],
  [re('delete released volume'), 'ctl.do.deleteReleased', none],
  [re('mark (Failed|FailureTarget) \\((.+)\\)'), 'ctl.do.markReason', (m) => ({ state: m[1], reason: m[2] })],
  [re('mark (\\w+)'), 'ctl.do.mark', (m) => ({ state: m[1] })],
  [re('verify owners, delete dependent'), 'ctl.do.gcDelete', none],
  [re('verify owners, remove dangling references'), 'ctl.do.gcDangling', none],
  [re(`orphan (\\d+) dependent\\(s\\), remove the (${NAME}) finalizer`), 'ctl.do.gcOrphan', (m) => ({ count: Number(m[1]), finalizer: m[2] })],
  [re(`remove the (${NAME}) finalizer`), 'ctl.do.removeFinalizer', (m) => ({ finalizer: m[1] })],
  [re('delete (\\d+) finished job\\(s\\)'), 'ctl.do.deleteFinishedJobs', count],
  [re('replace (\\d+) running job\\(s\\)'), 'ctl.do.replaceJobs', count],
  [re('delete all content, pods first'), 'ctl.do.deleteContent', none],
  [re('(create|update|delete) (\\d+) slice\\(s\\)'), 'ctl.do.slices', (m) => ({ verb: m[1], count: Number(m[2]) })],
  [re('(create|update|delete) Endpoints'), 'ctl.do.kind', (m) => ({ verb: m[1], kind: 'Endpoints' })],
  [re('delete Job'), 'ctl.do.kind', () => ({ verb: 'delete', kind: 'Job' })],
  [re(`create job (${NAME})`), 'ctl.do.named', (m) => ({ verb: 'create', kind: 'Job', name: m[1] })],
  [re(`(create|update|delete) (Pod|ServiceAccount|ConfigMap|ControllerRevision) (${NAMES})`), 'ctl.do.named', (m) => ({ verb: m[1], kind: m[2], name: m[3] })],
  // the deployment controller's writes to its ReplicaSets, and the daemon controller's pod deletions
  [re(`(create|update|delete) (${NAMES})`), 'ctl.do.plain', (m) => ({ verb: m[1], name: m[2] })],
];

/** Fixed `desired` / `actual` words → the select option of `ctl.state.word`. */
const WORDS: Record<string, string> = {
  any: 'any',
  finished: 'finished',
  expired: 'expired',
  deleted: 'deleted',
  none: 'none',
  changed: 'changed',
  finalized: 'finalized',
  empty: 'empty',
  tainted: 'tainted',
  'no solid owner': 'noSolidOwner',
  'no Endpoints': 'noEndpoints',
  'no condition taints': 'noConditionTaints',
  'no NoExecute taints': 'noNoExecuteTaints',
  'NoExecute taint on unresponsive nodes': 'noExecuteUnresponsive',
  'NotReady on a NotReady node': 'notReadyOnNotReady',
  'not on a NoExecute-tainted node': 'notOnTainted',
  'on a tainted node': 'onTainted',
};

/** The `desired` / `actual` phrases that are not a bare number or a Kubernetes value. */
const STATES: Rule[] = [
  [re('(\\d+) endpoint\\(s\\), (\\d+) ready'), 'ctl.state.endpoints', (m) => ({ count: Number(m[1]), ready: Number(m[2]) })],
  [re('(\\d+) ready, (\\d+) not ready'), 'ctl.state.readyNotReady', (m) => ({ ready: Number(m[1]), notReady: Number(m[2]) })],
  [re('(\\d+) active, (\\d+) succeeded, (\\d+) failed'), 'ctl.state.jobPods', (m) => ({ active: Number(m[1]), succeeded: Number(m[2]), failed: Number(m[3]) })],
  [re('(\\d+) active'), 'ctl.state.active', count],
  [re('(\\d+) slice\\(s\\)'), 'ctl.state.slices', count],
  [re('(\\d+) owner\\(s\\) missing'), 'ctl.state.ownersMissing', count],
  [re('(\\d+) dependent\\(s\\)'), 'ctl.state.dependents', count],
  [re(`(\\d+) pod\\(s\\) on (${NAME})`), 'ctl.state.podsOn', (m) => ({ count: Number(m[1]), node: m[2] })],
  [re('(\\d+) node\\(s\\) posting status'), 'ctl.state.nodesPosting', count],
  [re('(\\d+) Ready'), 'ctl.state.nodesReady', count],
  [re('ttl (\\d+)s'), 'ctl.state.ttl', (m) => ({ seconds: Number(m[1]) })],
  [re('(\\d+)s left'), 'ctl.state.left', (m) => ({ seconds: Number(m[1]) })],
  [re(`(${NAMES}) untainted`), 'ctl.state.untainted', (m) => ({ nodes: m[1] })],
  [re(`on (${NAME})`), 'ctl.state.on', (m) => ({ node: m[1] })],
  [re(`(${Object.keys(WORDS).join('|')})`), 'ctl.state.word', (m) => ({ word: WORDS[m[1]], text: m[1] })],
];

function match(rules: Rule[], text: string, t: Translate): string | undefined {
  for (const [r, key, params] of rules) {
    const m = text.match(r);
    if (m) return t(key, params(m));
  }
  return undefined;
}

/** The phrases of one action string, each translated (or kept as written when no rule knows it). */
export function actionParts(action: string, t: Translate): string[] {
  const whole = match(ACTIONS, action, t);
  if (whole !== undefined) return [whole];
  const out: string[] = [];
  for (const part of action.split('; ')) {
    const one = match(ACTIONS, part, t);
    if (one !== undefined) {
      out.push(one);
      continue;
    }
    // "delete 1 pod(s) (too many), update status": the longest run of ", "-pieces a rule knows
    const pieces = part.split(', ');
    for (let i = 0; i < pieces.length; ) {
      let j = pieces.length;
      let hit: string | undefined;
      for (; j > i; j--) if ((hit = match(ACTIONS, pieces.slice(i, j).join(', '), t)) !== undefined) break;
      if (hit === undefined) {
        out.push(pieces[i]);
        i++;
      } else {
        out.push(hit);
        i = j;
      }
    }
  }
  return out;
}

/** A `desired` or `actual` value: numbers and Kubernetes values (Bound, taint keys) as they are. */
export function stateText(value: string, t: Translate): string {
  if (value === '') return '—';
  return match(STATES, value, t) ?? value;
}

/** "desired 3, actual 2 → create 1 pod": the loop's comparison and what it did, in the locale. */
export function describeSyncText(v: Pick<SyncView, 'desired' | 'actual' | 'action'>, t: Translate, list: (items: string[]) => string): string {
  const did = list(actionParts(v.action, t));
  if (v.desired === '' && v.actual === '') return did;
  return t('ctl.compared', { desired: stateText(v.desired, t), actual: stateText(v.actual, t), did });
}

const lists = new Map<string, (items: string[]) => string>();

/** Intl's list of the locale ("a, b and c" / "a、b和c"), one formatter per locale. */
export function listFormat(locale: string): (items: string[]) => string {
  let list = lists.get(locale);
  if (!list) {
    const f = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' });
    list = (items) => (items.length <= 1 ? (items[0] ?? '') : f.format(items));
    lists.set(locale, list);
  }
  return list;
}

/** A controller.sync event's action, desired and actual in the locale's words (the event log's and
 * the walkthrough player's narration say what the Controllers view says). */
export function syncWords(params: Readonly<Record<string, unknown>>, locale: Locale): { action?: string; desired?: string; actual?: string } {
  const ui = translator(locale, 'ui');
  const out: { action?: string; desired?: string; actual?: string } = {};
  const action = params.action;
  if (typeof action === 'string') out.action = action === 'none' ? 'none' : listFormat(locale)(actionParts(action, ui));
  for (const k of ['desired', 'actual'] as const) {
    const v = params[k];
    if (typeof v === 'string' && v !== '') out[k] = stateText(v, ui);
  }
  return out;
}
