// Presenter mode's keys, as a pure mapping from a key press to what it does (tested without a DOM).
// ← and → are not here: TimelineScrubber steps back and forward on them in every mode.

/** The custom DOM event 1–9 send: the walkthrough player listens for it (detail.step is 1-based). */
export const WALKTHROUGH_JUMP = 'orrery:walkthrough-jump';
export interface WalkthroughJumpDetail {
  step: number;
}

export type PresenterKeyAction =
  | { kind: 'toggle-presenter' }
  | { kind: 'leave' }
  | { kind: 'play-pause' }
  | { kind: 'fullscreen' }
  | { kind: 'jump'; step: number };

export interface KeyLike {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}

/** What a key does: P anywhere (not while typing); the rest only in presenter mode. */
export function presenterKeyAction(e: KeyLike, presenter: boolean): PresenterKeyAction | null {
  if (e.altKey || e.ctrlKey || e.metaKey) return null;
  if (e.key === 'p' || e.key === 'P') return { kind: 'toggle-presenter' };
  if (!presenter) return null;
  if (e.key === 'Escape') return { kind: 'leave' };
  if (e.key === ' ' || e.key === 'Spacebar') return { kind: 'play-pause' };
  if (e.key === 'f' || e.key === 'F') return { kind: 'fullscreen' };
  if (/^[1-9]$/.test(e.key)) return { kind: 'jump', step: Number(e.key) };
  return null;
}

/** A text field, a select, the Monaco editor or an open dialog keeps its keys. */
export function isTypingTarget(el: Element | null): boolean {
  if (!el) return false;
  const tag = el.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT' || (el as HTMLElement).isContentEditable) return true;
  if (tag === 'INPUT' && !['range', 'checkbox', 'radio', 'button', 'file'].includes((el as HTMLInputElement).type)) return true;
  return !!el.closest('.monaco-editor, [role="dialog"]');
}
