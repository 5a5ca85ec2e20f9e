// LazyMotion's features, fetched after the first paint instead of with the page: the `m` elements
// render at once and start animating when the features arrive (before the first request travels).
export const loadMotionFeatures = () => import('./motion-features').then((m) => m.default);
