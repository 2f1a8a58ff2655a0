// Uses every item the package declares; it must type-check (tests/e2e/npm.test.mjs).
import { useRef, useState } from 'react';
import {
  type Answers,
  type Assessment,
  type B12CrampCheckElementAttributes,
  type CompleteDetail,
  type CompleteEvent,
  type Factor,
  type HeadingLevel,
  type LanguageTag,
  type Reason,
  type Region,
  type Theme,
  type Triage,
  B12CrampCheckElement,
  evaluate,
  version,
} from 'b12-cramp-check';

const answers: Answers = { q_age: '65_74', q_neuro: ['balance_problems'], q_neuro_onset: 'gradual_weeks_to_months' };

export async function assess(): Promise<string> {
  const assessment: Assessment = await evaluate(answers);
  const triage: Triage = assessment.triage;
  const factor: Factor = assessment.top_factor;
  const points: number = assessment.factors[factor];
  const why = assessment.reasons.map((reason: Reason) =>
    reason.kind === 'outcome' ? `outcome ${reason.id}` : `${reason.kind} ${reason.id}`,
  );
  const advice = [...assessment.notes, ...assessment.advice].map((item) => `${item.section}:${item.id}`);
  const decidedBy: string = assessment.decided_by;
  const complete: boolean = assessment.complete;
  return [
    version,
    assessment.pack.version,
    triage,
    points,
    decidedBy,
    complete,
    ...why,
    ...advice,
    ...assessment.signals,
  ].join();
}

export function listen(): boolean {
  const element: B12CrampCheckElement | null = document.querySelector('b12-cramp-check');
  const show = (detail: CompleteDetail) => `${detail.triage} ${detail.topFactor} ${detail.packVersion}`;
  element?.addEventListener('b12-cramp-check:complete', (event) => show(event.detail));
  document.addEventListener('b12-cramp-check:complete', (event: CompleteEvent) => event.detail.answers?.q_age);
  window.addEventListener('b12-cramp-check:complete', (event) => show(event.detail));
  const created: B12CrampCheckElement = document.createElement('b12-cramp-check');
  created.setAttribute('region', 'uk');
  return element instanceof B12CrampCheckElement;
}

const settings: B12CrampCheckElementAttributes = { lang: 'en-GB', region: 'uk', theme: 'dark', 'heading-level': 3 };
// A locale as often written, which the element takes too.
const spanish: LanguageTag = 'es_ES';

export function Checker({
  region,
  theme,
  lang,
  level,
}: {
  region: Region;
  theme: Theme;
  lang: LanguageTag;
  level: HeadingLevel;
}) {
  const ref = useRef<B12CrampCheckElement>(null);
  const [triage, setTriage] = useState<Triage | null>(null);
  return (
    <section>
      <b12-cramp-check
        ref={ref}
        id="checker"
        className="checker"
        lang={lang}
        region={region}
        theme={theme}
        heading-level={level}
        share-answers={false}
        history
        onb12-cramp-check:complete={(event) => setTriage(event.detail.triage)}
      >
        <p>The interactive check needs WebAssembly.</p>
      </b12-cramp-check>
      <b12-cramp-check {...settings} />
      <b12-cramp-check lang={spanish} />
      {triage}
    </section>
  );
}
