// The keyboard of presenter mode: P enters and leaves it; inside it Space plays or pauses, F asks for
// fullscreen, 1–9 jump to a walkthrough step and Esc leaves (← → step, as everywhere: TimelineScrubber).
import { useEffect } from 'react';
import { useBridge, useServices } from '../store/context';
import { isTypingTarget, presenterKeyAction, WALKTHROUGH_JUMP, type WalkthroughJumpDetail } from './keys';

export function enterFullscreen(): void {
  // a refused request (no user gesture, an iframe without allowfullscreen) only means no fullscreen
  document.documentElement.requestFullscreen?.().catch(() => undefined);
}

export function leaveFullscreen(): void {
  if (document.fullscreenElement) document.exitFullscreen?.().catch(() => undefined);
}

export function usePresenterKeys(): void {
  const { store } = useServices();
  const bridge = useBridge();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || isTypingTarget(document.activeElement)) return;
      const s = store.getState();
      const action = presenterKeyAction(e, s.presenter);
      if (!action) return;
      e.preventDefault();
      switch (action.kind) {
        case 'toggle-presenter':
          if (s.presenter) leaveFullscreen();
          s.setPresenter(!s.presenter);
          break;
        case 'leave':
          leaveFullscreen();
          s.setPresenter(false);
          break;
        case 'play-pause':
          bridge.send({ type: s.clock.playing ? 'PAUSE' : 'PLAY' });
          break;
        case 'fullscreen':
          if (document.fullscreenElement) leaveFullscreen();
          else enterFullscreen();
          break;
        case 'jump':
          window.dispatchEvent(new CustomEvent<WalkthroughJumpDetail>(WALKTHROUGH_JUMP, { detail: { step: action.step } }));
          break;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, bridge]);
}
