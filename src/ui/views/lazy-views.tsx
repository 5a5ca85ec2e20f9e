// The Views tabs not shown at start (every tab but the Inspector) are chunks of their own: the page
// downloads them when idle after the first paint, or at the first click if that comes sooner.
import { lazy, Suspense, type ComponentType } from 'react';
import { useT } from '../../i18n/react';

const loaders: Array<() => Promise<unknown>> = [];

/** A tab's component from its chunk. Once loaded it renders directly (React.lazy alone would
 * suspend one frame even for a chunk fetched already, and the panel would blink). */
function lazyView(load: () => Promise<ComponentType>): ComponentType {
  let Loaded: ComponentType | null = null;
  let loading: Promise<ComponentType> | null = null;
  const fetchView = () =>
    (loading ??= load().then(
      (C) => (Loaded = C),
      (err: unknown) => {
        loading = null; // the next click tries again
        throw err;
      },
    ));
  loaders.push(fetchView);
  const Lazy = lazy(() => fetchView().then((C) => ({ default: C })));
  return function LazyView() {
    if (Loaded) return <Loaded />;
    return (
      <Suspense fallback={<ViewLoading />}>
        <Lazy />
      </Suspense>
    );
  };
}

/** Shown only if a chunk takes a while (CSS delays it), so a quick load shows no flash. */
function ViewLoading() {
  const t = useT();
  return (
    <div className="panel views-loading" role="status" aria-busy="true">
      <span>{t('views.loading')}</span>
    </div>
  );
}

/** Fetch every tab's chunk (after the first paint, when the browser is idle). */
export function prefetchViews(): void {
  for (const l of loaders) void l().catch(() => {});
}

export const SchedulerView = lazyView(() => import('../scheduler/SchedulerView').then((m) => m.SchedulerView));
export const OwnershipView = lazyView(() => import('../ownership/OwnershipView').then((m) => m.OwnershipView));
export const ControllersView = lazyView(() => import('../controllers/ControllersView').then((m) => m.ControllersView));
export const EtcdPanel = lazyView(() => import('../etcd/EtcdPanel').then((m) => m.EtcdPanel));
export const PodView = lazyView(() => import('../pod/PodView').then((m) => m.PodView));
export const ServicesView = lazyView(() => import('../services/ServicesView').then((m) => m.ServicesView));
export const RegistryView = lazyView(() => import('../registry/RegistryView').then((m) => m.RegistryView));
export const TerminalView = lazyView(() => import('../terminal/TerminalView').then((m) => m.TerminalView));
