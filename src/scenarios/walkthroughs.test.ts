// Golden traces: each walkthrough runs headless through the worker's Host; every step must find its
// event, and the matched events' (seq, type, from, to, key, object) must equal the committed golden
// file — an engine change that moves, renames or drops an explained event fails here.
// UPDATE_GOLDEN=1 npx vitest run src/scenarios rewrites them (look at the diff before committing).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { translator } from '../i18n';
import { objectAfter, runHeadless } from './headless';
import { WALKTHROUGHS } from './index';
import { goldenOf } from './match';
import { narrationParams } from './params';

/** what each derivation must fill (from the event's detail or the object as stored) */
const DERIVED: Record<string, string[]> = { none: [], defaulted: ['fields'], filter: ['fit'], score: ['ranking', 'plugins'], pull: ['policy'], status: ['phase', 'podIP', 'ready'], terminating: ['deletionTimestamp', 'grace'], slice: ['sliceEndpoints'], columns: ['podReady', 'podStatus', 'podRestarts'], node: ['nodeReady'], eviction: ['tolerations', 'tolerationSeconds'], service: ['clusterIP', 'svcType', 'ports'], proxy: ['svc', 'clusterIP', 'svcChain'], deleting: ['deleting'], pod: ['phase', 'statusColumn'], rollout: ['rev', 'image'], rejections: ['rejected'] };
const key = (s: { narration: string }) => s.narration;

const dir = new URL('./golden/', import.meta.url);

describe.each(WALKTHROUGHS.map((w) => [w.id, w] as const))('walkthrough %s', (id, w) => {
  const run = runHeadless(w);

  it('matches every step, in order, after the start', () => {
    expect(run.result.missing, `step ${run.result.missing + 1} found no event`).toBe(-1);
    expect(run.result.matches[0].event.seq).toBeGreaterThan(run.start);
  });

  it('explains the same events as its golden trace', () => {
    const golden = goldenOf(run.result);
    const file = new URL(`${id}.json`, dir);
    if ((process.env.UPDATE_GOLDEN || !existsSync(file)) && run.result.missing < 0) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(file, `${JSON.stringify(golden, null, 1)}\n`);
    }
    expect(golden).toEqual(JSON.parse(readFileSync(file, 'utf8')));
  });

  it('has a narration and a notice for every step in English and Chinese, every parameter filled', () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const t = translator(locale, 'walkthroughs');
      for (const m of run.result.matches) {
        const step = w.steps[m.step];
        const p = narrationParams(m.event, step.derive, objectAfter(run, m.event), locale);
        for (const k of DERIVED[step.derive ?? 'none']) expect(p[k], `${key(step)} ${k}`).not.toSatisfy((v) => v === '' || v === -1 || v === undefined);
        for (const key of [step.narration, step.notice]) {
          const text = t(key as never, p);
          expect(text, `${locale} ${key}`).not.toBe(key);
          // an unfilled placeholder ({name} or {n, plural …}); a param may hold braces (the FailedScheduling
          // message names a taint as {dedicated: team-a})
          expect(text, `${locale} ${key}: ${text}`).not.toMatch(/\{\w+[,}]|undefined/);
          if (locale === 'zh-CN') {
            expect(text).toMatch(/[\u4e00-\u9fff]/);
            // no untranslated English sentence: what is left once the event's own values (which quote
            // Kubernetes verbatim) are taken out has no run of four English words
            let rest = text;
            for (const v of Object.values(p).map(String).sort((a, b) => b.length - a.length)) if (v.length > 1) rest = rest.split(v).join(' ');
            rest = rest.replace(/“[^”]*”/g, ' '); // Kubernetes' own words, quoted
            expect(rest, `zh-CN ${key}: ${text}`).not.toMatch(/[A-Za-z]{2,}(?:[\s,]+[A-Za-z]{2,}){3,}/);
          }
        }
      }
    }
  });
});
