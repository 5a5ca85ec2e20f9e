// Tokens: each played trace event flies from its sender to its receiver (flow coordinates, inside
// React Flow's viewport so they pan and zoom with the diagram). Same sender and receiver → a pulse.
// Background (ambient) events have no token: Flash shows them as a quiet dot on the receiver.
// Reduced motion (the system's preference or the Reduce motion setting): a token jumps — it appears
// on its receiver, stays for its time and fades — instead of travelling.
import { LazyMotion, m } from 'motion/react';
import { loadMotionFeatures } from './load-motion';
import { memo } from 'react';
import { anchorOf, boxIdOf, type Layout, type Point } from '../diagram/layout';
import { useUiState } from '../store/context';
import { useReducedMotion } from '../presenter/useReducedMotion';
import { selectTokenDone, selectTokens } from '../store/selectors';
import type { Token } from '../store/types';

/** Straight flight, or a dip under the control-plane row when it would cross other boxes. */
export function flightPath(a: Point, b: Point, rowBottom: number): { x: number[]; y: number[] } {
  const sameRow = a.y === b.y && Math.abs(a.x - b.x) > 260;
  if (!sameRow) return { x: [a.x, b.x], y: [a.y, b.y] };
  const dip = rowBottom + 34;
  return { x: [a.x, a.x, b.x, b.x], y: [a.y, dip, dip, b.y] };
}

/** The lowest edge of the control-plane row (the etcd box reaches lower than the others). */
function controlRowBottom(layout: Layout): number {
  let bottom = 0;
  for (const b of layout.boxes) if (b.kind === 'control') bottom = Math.max(bottom, b.y + b.h);
  return bottom;
}

const TokenDot = memo(function TokenDot({ token, layout, jump }: { token: Token; layout: Layout; jump: boolean }) {
  const done = useUiState(selectTokenDone);
  const a = anchorOf(layout, token.from);
  const b = anchorOf(layout, token.to);
  const tone = token.failed ? 'is-failed' : `is-${token.type.split('.')[0]}`;
  const seconds = token.durationMs / 1000;
  const finish = () => done(token.id);
  if (jump) {
    return (
      <m.div className={`token${boxIdOf(token.from) === boxIdOf(token.to) ? ' pulse' : ''} ${tone}`} data-testid="trace-token" aria-hidden="true"
        style={{ x: b.x, y: b.y }} initial={{ opacity: 1 }} animate={{ opacity: [1, 1, 0] }}
        transition={{ duration: seconds, times: [0, 0.8, 1], ease: 'linear' }} onAnimationComplete={finish}>
        {token.label && <span className="token-label">{token.label}</span>}
      </m.div>
    );
  }
  if (boxIdOf(token.from) === boxIdOf(token.to) && a.x === b.x && a.y === b.y) {
    return (
      <m.div className={`token pulse ${tone}`} data-testid="trace-token" aria-hidden="true" style={{ x: a.x, y: a.y }}
        initial={{ scale: 0.4, opacity: 0.9 }} animate={{ scale: 2.2, opacity: 0 }}
        transition={{ duration: seconds, ease: 'easeOut' }} onAnimationComplete={finish} />
    );
  }
  const path = flightPath(a, b, controlRowBottom(layout));
  return (
    <m.div className={`token ${tone}`} data-testid="trace-token" aria-hidden="true"
      initial={{ x: a.x, y: a.y, opacity: 0 }} animate={{ x: path.x, y: path.y, opacity: [0, 1, 1, 0.6] }}
      transition={{ duration: seconds, ease: 'easeInOut' }} onAnimationComplete={finish}>
      {token.label && <span className="token-label">{token.label}</span>}
    </m.div>
  );
});

export function TokenLayer({ layout }: { layout: Layout }) {
  const tokens = useUiState(selectTokens);
  const jump = useReducedMotion();
  return (
    <LazyMotion features={loadMotionFeatures} strict>
      <div className="token-layer">
        {tokens.map((t) => (
          <TokenDot key={t.id} token={t} layout={layout} jump={jump} />
        ))}
      </div>
    </LazyMotion>
  );
}
