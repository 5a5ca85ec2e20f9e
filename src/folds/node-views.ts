export { nextPodViews, nextProxySyncs, type PodNodeView, type ProxySync } from '../ui/store/node-views';
