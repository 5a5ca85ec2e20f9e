// The picker and the player come with the walkthroughs' chunk (lazy-session.ts): each renders
// nothing until it has something to show, as the eager ones did, so nothing flashes at start.
import { lazy, Suspense } from 'react';
import { useWalk } from './context';
// the header button's colours and the app grid's walkthrough row are needed before any walkthrough
import './walkthrough.css';

const Picker = lazy(() => import('./WalkthroughPicker').then((m) => ({ default: m.WalkthroughPicker })));
const Player = lazy(() => import('./WalkthroughPlayer').then((m) => ({ default: m.WalkthroughPlayer })));

export function WalkthroughPicker() {
  const open = useWalk((s) => s.pickerOpen);
  if (!open) return null;
  return (
    <Suspense fallback={null}>
      <Picker />
    </Suspense>
  );
}

export function WalkthroughPlayer() {
  const id = useWalk((s) => s.id);
  if (id === null) return null;
  return (
    <Suspense fallback={null}>
      <Player />
    </Suspense>
  );
}
