// structuredClone exists in every host the engine runs in (Worker, Node ≥17, browsers),
// but the engine compiles without DOM or Node libs, so declare just this one.
declare function structuredClone<T>(value: T): T;
