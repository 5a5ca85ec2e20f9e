// The player: Step n of N, Back and Next, the step's narration (large) and what to notice. The
// narration is shown once the played moment has reached the step's event; its parameters come from
// that event and the object as the views hold it then. Highlights are CSS rules on the diagram's
// data-component / data-stage attributes and the view tab.
import { useEffect } from 'react';
import { useT } from '../../i18n/react';
import type { Locale } from '../../i18n';
import { narrationParams, walkthroughById, type Highlights, type NarrationParams } from '../../scenarios';
import { syncWords } from '../controllers/sync-text';
import { WALKTHROUGH_JUMP } from '../presenter/keys';
import { useUiState } from '../store/context';
import { useWalk, useWalkSession } from './context';
import './walkthrough.css';

export function WalkthroughPlayer() {
  const session = useWalkSession();
  const id = useWalk((s) => s.id);
  const status = useWalk((s) => s.status);
  const index = useWalk((s) => s.index);
  const events = useWalk((s) => s.events);
  const start = useWalk((s) => s.start);
  const missing = useWalk((s) => s.missing);
  const position = useUiState((s) => s.timeline.position);
  const locale = useUiState((s) => s.locale);
  const t = useT('walkthroughs');
  const w = id ? walkthroughById(id) : undefined;
  const step = w && index >= 0 ? w.steps[index] : undefined;
  const event = index >= 0 ? events[index] : undefined;
  const objectKey = event?.object ? `${event.object.kind}/${event.object.namespace ?? ''}/${event.object.name}` : '';
  const object = useUiState((s) => (objectKey ? s.objects.get(objectKey) : undefined));

  useEffect(() => {
    const onJump = (e: Event) => session.jump(Number((e as CustomEvent<{ step: number }>).detail?.step));
    window.addEventListener(WALKTHROUGH_JUMP, onJump);
    return () => window.removeEventListener(WALKTHROUGH_JUMP, onJump);
  }, [session]);

  if (!w) return null;
  const total = w.steps.length;
  const seq = event ? event.seq : start;
  const arrived = status === 'ready' && position >= seq;
  const prevSeq = index > 0 ? events[index - 1].seq : start;
  const offTrack = status === 'ready' && (position > seq || position < prevSeq);
  const upcoming = w.steps[index + 1];
  const actionLabel = upcoming?.action ? t(`player.action.${upcoming.action.label}` as never) : '';
  // the learner may take the action themselves: the editor's Apply or Delete, or a Break things button
  const actionHint = upcoming?.action ? t('player.actionHint', { label: t('player.nextAction', { action: actionLabel }), where: t(`player.where.${upcoming.action.input.type === 'inject' ? 'inject' : upcoming.action.input.type === 'delete' ? 'delete' : 'apply'}`) }) : '';
  const last = index === total - 1;
  return (
    <section className="walk-player" aria-label={t('player.region')}>
      <Highlight h={arrived ? step?.highlight : undefined} />
      <div className="walk-controls">
        <span className="walk-title">{t(w.title as never)}</span>
        <span className="walk-counter" aria-live="polite">{index >= 0 ? t('player.counter', { step: index + 1, total }) : ''}</span>
        <button type="button" className="btn" onClick={session.back} disabled={status !== 'ready' || index < 0}>{t('player.back')}</button>
        <button type="button" className="btn primary walk-next" onClick={session.next} disabled={status !== 'ready' || last || (index >= 0 && !arrived)}>
          {actionLabel ? t('player.nextAction', { action: actionLabel }) : t('player.next')}
        </button>
        {offTrack && <button type="button" className="btn" onClick={session.resume}>{t('player.resume')}</button>}
        <button type="button" className="btn walk-exit" onClick={session.exit}>{t('player.exit')}</button>
      </div>
      <div className="walk-text" role="status" aria-live="polite">
        {status === 'loading' && <p className="walk-narration">{t('player.loading')}</p>}
        {status === 'failed' && <p className="walk-narration is-error">{t('player.failed', { step: missing + 1 })}</p>}
        {status === 'ready' && index < 0 && (
          <p className="walk-narration">
            {t(w.title.replace(/\.title$/, '.summary') as never)} {actionHint}
          </p>
        )}
        {step && event && arrived && (
          <>
            <p className="walk-narration" data-step={index + 1}>{t(step.narration as never, inWords(event, narrationParams(event, step.derive, object as never, locale), locale))}</p>
            <p className="walk-notice"><strong>{t('player.notice')}:</strong> {t(step.notice as never, inWords(event, narrationParams(event, step.derive, object as never, locale), locale))}</p>
            {last && <p className="walk-done">{t('player.done')}</p>}
            {actionHint && <p className="walk-turn">{actionHint}</p>}
          </>
        )}
        {step && !arrived && status === 'ready' && !offTrack && <p className="walk-narration is-waiting">…</p>}
      </div>
    </section>
  );
}

/** The step's highlights as CSS rules (the diagram knows nothing of walkthroughs). */
function Highlight({ h }: { h: Highlights | undefined }) {
  if (!h) return null;
  const rules: string[] = [];
  for (const c of h.components ?? []) rules.push(`[data-component="${c}"]{box-shadow:0 0 0 3px #f59e0b,0 0 14px 2px rgba(245,158,11,.7)!important;}`);
  if (h.stage) rules.push(`[data-stage="${h.stage}"]{outline:3px solid #f59e0b!important;outline-offset:1px;}`);
  if (h.view) rules.push(`#view-tab-${h.view}{box-shadow:inset 0 -3px 0 #f59e0b!important;font-weight:700;}`);
  return <style>{rules.join('\n')}</style>;
}

/** A controller's sync says what it did in the engine's English ("create 2 pod(s)"): in the
 * reader's words, as the Controllers view and the event log say it. */
function inWords(event: { type: string }, p: NarrationParams, locale: Locale): NarrationParams {
  if (event.type !== 'controller.sync') return p;
  const words = syncWords(p, locale);
  const out = { ...p };
  for (const [k, v] of Object.entries(words)) if (v !== undefined) out[k] = v;
  return out;
}
